import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's ownership refs: the user and the groups they are a
 * member of, as sign-in resolved them ("my teams").
 */
export function useOwnershipRefs() {
  const identityApi = useApi(identityApiRef);
  return useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs;
  }, [identityApi]);
}
