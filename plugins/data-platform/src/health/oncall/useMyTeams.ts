import useAsync from 'react-use/esm/useAsync';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';

/**
 * The signed-in user's ownership refs: the user and every group they belong
 * to, as the identity API reports them ("my teams").
 */
export function useMyTeams(): {
  ownershipRefs?: string[];
  loading: boolean;
  error?: Error;
} {
  const identityApi = useApi(identityApiRef);
  const { value, loading, error } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs;
  }, [identityApi]);
  return { ownershipRefs: value, loading, error };
}
