import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import { provisioningApiRef } from '../api/ProvisioningApi';

/** How many applies the History section asks for. */
export const HISTORY_LIMIT = 50;

/**
 * The latest applies of an entity's resources, newest first; fetched again
 * when `version` changes (after an apply). The last list stays on screen
 * while the next loads.
 */
export function useApplyHistory(entityRef: string, version: number) {
  const api = useApi(provisioningApiRef);
  return useAsync(
    async () =>
      (await api.getApplyHistory(entityRef, { limit: HISTORY_LIMIT })).applies,
    [api, entityRef, version],
  );
}
