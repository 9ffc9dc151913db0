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

/**
 * Rebuild what the backend derives from OpenLineage events (observed
 * lineage, pipeline runs, what modules' handlers keep) from the retained raw
 * events (`POST /api/data-platform/openlineage/rebuild`). An administrator's
 * action: after a handler's fix, or a module added that should see the
 * events already received.
 */
export const openLineageRebuildPermission = createPermission({
  name: 'dataplatform.openlineage.rebuild',
  attributes: { action: 'update' },
});

/**
 * Administer the OpenLineage ingestion: list the events it refused (its
 * dead letters, `GET /api/data-platform/openlineage/dead-letters`) and
 * replay them after a fix (`POST .../dead-letters/replay`). A platform
 * administrator's permission: dead letters hold what other teams' jobs
 * sent.
 */
export const openLineageAdminPermission = createPermission({
  name: 'dataplatform.openlineage.admin',
  attributes: { action: 'update' },
});

/** Every permission the data platform plugins define. */
export const dataPlatformPermissions = [
  openLineageEventCreatePermission,
  openLineageRebuildPermission,
  openLineageAdminPermission,
];
