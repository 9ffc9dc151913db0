import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Send OpenLineage events to the ingestion endpoint
 * (`POST /api/data-platform/openlineage/api/v1/lineage`). Schedulers calling
 * with a service token are allowed unless their external-access token's
 * `accessRestrictions` leave this permission out; users are decided by the
 * permission policy.
 */
export const openLineageEventCreatePermission = createPermission({
  name: 'dataplatform.openlineage.event.create',
  attributes: { action: 'create' },
});

/** Every permission the data platform plugins define. */
export const dataPlatformPermissions = [openLineageEventCreatePermission];
