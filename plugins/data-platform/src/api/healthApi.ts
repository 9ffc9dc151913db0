import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EndpointFreshness,
  OnCallPage,
  OnCallQuery,
  PipelineAlert,
  PipelineHealth,
  PipelineStates,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * The browser's view of the pipeline-health API
 * (`/api/data-platform/health/...`): the on-call list, one pipeline's runs,
 * partitions and alerts, an endpoint's freshness, and the alert actions.
 */
export interface PipelineHealthApi {
  /** One page of the on-call list. */
  getOnCall(query: OnCallQuery): Promise<OnCallPage>;
  /** Current status of up to 1,000 pipelines, by entity ref (those health knows). */
  getPipelineStates(pipelineRefs: string[]): Promise<PipelineStates>;
  /** Runs, partitions and alerts of one pipeline, by entity ref. */
  getPipelineHealth(pipelineRef: string): Promise<PipelineHealth>;
  /** Freshness of one data endpoint, by entity ref. */
  getEndpointFreshness(endpointRef: string): Promise<EndpointFreshness>;
  /** Rejects with a 403 ResponseError unless the user owns the pipeline or is on call. */
  acknowledgeAlert(alertId: string): Promise<PipelineAlert>;
  snoozeAlert(
    alertId: string,
    request: { until: string; note?: string },
  ): Promise<PipelineAlert>;
  resolveAlert(alertId: string): Promise<PipelineAlert>;
}

/** Reference to the {@link PipelineHealthApi} (extension `api:data-platform/health`). */
export const pipelineHealthApiRef = createApiRef<PipelineHealthApi>({
  id: 'plugin.data-platform.health',
});
