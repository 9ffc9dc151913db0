import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  ApplyResponse,
  EntityProvisioning,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { DataPlatformBackend } from '../../api/DataPlatformBackend';
import type { ApplyHistory, ProvisioningApi } from './ProvisioningApi';

/** `/provisioning/entities/dataendpoint/default/track-played-raw`: the kind in lowercase, as the routes take it. */
function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/provisioning/entities/${[
    kind.toLocaleLowerCase('en-US'),
    namespace,
    name,
  ]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** {@link ProvisioningApi} over the data-platform backend's REST API. */
export class ProvisioningClient implements ProvisioningApi {
  private readonly backend: DataPlatformBackend;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new DataPlatformBackend(options);
  }

  getEntityProvisioning(
    entityRef: string,
    options: { refresh?: boolean } = {},
  ): Promise<EntityProvisioning> {
    return this.backend.get(entityPath(entityRef), {
      refresh: options.refresh ? 'true' : undefined,
    });
  }

  planEntity(entityRef: string): Promise<EntityProvisioning> {
    return this.backend.post(`${entityPath(entityRef)}/plan`, {});
  }

  applyEntity(
    entityRef: string,
    request: { resources?: string[] } = {},
  ): Promise<ApplyResponse> {
    return this.backend.post(
      `${entityPath(entityRef)}/apply`,
      request.resources ? { resources: request.resources } : {},
    );
  }

  getApplyHistory(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<ApplyHistory> {
    return this.backend.get(`${entityPath(entityRef)}/history`, {
      limit: options.limit,
    });
  }
}
