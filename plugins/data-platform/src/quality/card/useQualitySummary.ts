import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { dataQualityApiRef } from '../../api/qualityApi';

/**
 * An endpoint's quality for its overview card, when the app has the
 * quality API (`api:data-platform/quality`); `available` is false without
 * it, and the card shows the declared checks alone.
 */
export function useQualitySummary(endpointRef: string) {
  const api = useApiHolder().get(dataQualityApiRef);
  const state = useAsync(
    async () => (api ? api.getEndpointQuality(endpointRef) : undefined),
    [api, endpointRef],
  );
  return { available: !!api, ...state };
}
