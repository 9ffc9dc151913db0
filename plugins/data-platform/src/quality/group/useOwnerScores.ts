import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import { dataQualityApiRef } from '../../api/qualityApi';

/** The scores of the endpoints a group or user owns, worst first. */
export function useOwnerScores(ownerRef: string) {
  const api = useApi(dataQualityApiRef);
  return useAsync(() => api.getOwnerScores(ownerRef), [api, ownerRef]);
}
