import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type { PipelineHealth } from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineHealthApiRef } from '../../api/healthApi';

/**
 * Runs, partitions and alerts of one pipeline, fetched again every
 * `refreshIntervalMs` while the tab is visible. The last answer stays on
 * screen while a refresh is under way.
 */
export function usePipelineHealth(
  pipelineRef: string,
  refreshIntervalMs: number,
) {
  const api = useApi(pipelineHealthApiRef);
  const state = useAsyncRetry<PipelineHealth>(
    () => api.getPipelineHealth(pipelineRef),
    [api, pipelineRef],
  );
  const { retry } = state;
  useEffect(() => {
    if (!(refreshIntervalMs > 0)) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') retry();
    }, refreshIntervalMs);
    return () => clearInterval(timer);
  }, [retry, refreshIntervalMs]);
  return state;
}
