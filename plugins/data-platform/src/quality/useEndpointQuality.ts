import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type { EndpointQuality } from '@dataplatform/backstage-plugin-data-platform-common';
import { dataQualityApiRef } from '../api/qualityApi';

/** How often the tab refreshes while partitions wait to be checked. */
export const QUEUED_REFRESH_MS = 10_000;

/**
 * One endpoint's quality, fetched again every `refreshIntervalMs` while
 * the page is visible, and every {@link QUEUED_REFRESH_MS} while partitions
 * are queued, so results of "Run checks now" show up. The last answer
 * stays on screen while a refresh is under way.
 */
export function useEndpointQuality(
  endpointRef: string,
  refreshIntervalMs: number,
) {
  const api = useApi(dataQualityApiRef);
  const state = useAsyncRetry<EndpointQuality>(
    () => api.getEndpointQuality(endpointRef),
    [api, endpointRef],
  );
  const { retry } = state;
  const interval =
    state.value && state.value.queued > 0
      ? Math.min(QUEUED_REFRESH_MS, refreshIntervalMs)
      : refreshIntervalMs;
  useEffect(() => {
    if (!(interval > 0)) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') retry();
    }, interval);
    return () => clearInterval(timer);
  }, [retry, interval]);
  return state;
}
