import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import { personalDataApiRef } from '../api/personalDataApi';

/**
 * One page of the findings on the endpoints an owner owns, and the offset
 * to move between pages; a new owner starts on the first page.
 */
export function useOwnerPiiFindings(ownerRef: string, pageSize: number) {
  const api = useApi(personalDataApiRef);
  const [page, setPage] = useState({ ownerRef, offset: 0 });
  const offset = page.ownerRef === ownerRef ? page.offset : 0;
  const state = useAsync(
    () => api.getPiiFindings({ owner: ownerRef, limit: pageSize, offset }),
    [api, ownerRef, pageSize, offset],
  );
  return {
    ...state,
    offset,
    setOffset: (next: number) => setPage({ ownerRef, offset: next }),
  };
}
