import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  EndpointFreshness,
  OnCallPage,
  OnCallQuery,
  PipelineAlert,
  PipelineHealth,
  PipelineStates,
  PipelineStatesRequest,
  SnoozeRequest,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { DataPlatformBackend } from './DataPlatformBackend';
import type { PipelineHealthApi } from './healthApi';

/** `namespace/name` of an entity ref, each part URL-encoded. */
function entityPath(ref: string): string {
  const { namespace, name } = parseEntityRef(ref);
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** {@link PipelineHealthApi} over the data-platform backend's REST API. */
export class PipelineHealthClient implements PipelineHealthApi {
  private readonly backend: DataPlatformBackend;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new DataPlatformBackend(options);
  }

  getOnCall(query: OnCallQuery): Promise<OnCallPage> {
    return this.backend.get('/health/oncall', {
      owners: query.owners?.length ? query.owners.join(',') : undefined,
      filter: query.filter,
      sort: query.sort,
      offset: query.offset,
      limit: query.limit,
    });
  }

  getPipelineStates(pipelineRefs: string[]): Promise<PipelineStates> {
    const body: PipelineStatesRequest = { pipelines: pipelineRefs };
    return this.backend.post('/health/pipeline-states', body);
  }

  getPipelineHealth(pipelineRef: string): Promise<PipelineHealth> {
    return this.backend.get(`/health/pipelines/${entityPath(pipelineRef)}`);
  }

  getEndpointFreshness(endpointRef: string): Promise<EndpointFreshness> {
    return this.backend.get(
      `/health/endpoints/${entityPath(endpointRef)}/freshness`,
    );
  }

  acknowledgeAlert(alertId: string): Promise<PipelineAlert> {
    return this.alertAction(alertId, 'acknowledge');
  }

  snoozeAlert(alertId: string, request: SnoozeRequest): Promise<PipelineAlert> {
    return this.alertAction(alertId, 'snooze', request);
  }

  resolveAlert(alertId: string): Promise<PipelineAlert> {
    return this.alertAction(alertId, 'resolve');
  }

  private alertAction(
    alertId: string,
    action: 'acknowledge' | 'snooze' | 'resolve',
    body?: SnoozeRequest,
  ): Promise<PipelineAlert> {
    return this.backend.post(
      `/health/alerts/${encodeURIComponent(alertId)}/${action}`,
      body ?? {},
    );
  }
}
