import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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
import type { PipelineHealthApi } from './healthApi';

/** `namespace/name` of an entity ref, each part URL-encoded. */
function entityPath(ref: string): string {
  const { namespace, name } = parseEntityRef(ref);
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** {@link PipelineHealthApi} over the data-platform backend's REST API. */
export class PipelineHealthClient implements PipelineHealthApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getOnCall(query: OnCallQuery): Promise<OnCallPage> {
    const search = new URLSearchParams();
    if (query.owners && query.owners.length > 0) {
      search.set('owners', query.owners.join(','));
    }
    for (const key of ['filter', 'sort', 'offset', 'limit'] as const) {
      if (query[key] !== undefined) search.set(key, String(query[key]));
    }
    return this.request(`/health/oncall?${search}`);
  }

  getPipelineStates(pipelineRefs: string[]): Promise<PipelineStates> {
    const body: PipelineStatesRequest = { pipelines: pipelineRefs };
    return this.request('/health/pipeline-states', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  getPipelineHealth(pipelineRef: string): Promise<PipelineHealth> {
    return this.request(`/health/pipelines/${entityPath(pipelineRef)}`);
  }

  getEndpointFreshness(endpointRef: string): Promise<EndpointFreshness> {
    return this.request(
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
    return this.request(
      `/health/alerts/${encodeURIComponent(alertId)}/${action}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      },
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-platform');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
