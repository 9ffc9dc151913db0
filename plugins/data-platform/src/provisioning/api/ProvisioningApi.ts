import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApplyRecord,
  ApplyResponse,
  EntityProvisioning,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The apply log of an entity's resources, newest first. */
export type ApplyHistory = { applies: ApplyRecord[] };

/**
 * The browser's view of the provisioning API
 * (`/api/data-platform/provisioning/entities/...`): an entity's resources
 * with their states and plans, planning again, applying, and the apply log.
 * Entities are named by entity ref (`dataendpoint:default/track-played-raw`).
 */
export interface ProvisioningApi {
  /** The resources as last observed; `refresh` observes them again first. */
  getEntityProvisioning(
    entityRef: string,
    options?: { refresh?: boolean },
  ): Promise<EntityProvisioning>;
  /** Observes the resources and plans them now. */
  planEntity(entityRef: string): Promise<EntityProvisioning>;
  /**
   * Applies the plans of the entity's resources, or of the listed ones (and
   * what they need). Rejects with a 403 ResponseError unless the user owns
   * the entity or holds `dataplatform.provisioning.apply`.
   */
  applyEntity(
    entityRef: string,
    request?: { resources?: string[] },
  ): Promise<ApplyResponse>;
  /** The latest applies of the entity's resources, newest first. */
  getApplyHistory(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<ApplyHistory>;
}

/** Reference to the {@link ProvisioningApi} (extension `api:data-platform/provisioning`). */
export const provisioningApiRef = createApiRef<ProvisioningApi>({
  id: 'plugin.data-platform.provisioning',
});
