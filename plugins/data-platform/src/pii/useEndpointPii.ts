import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import type {
  ColumnPii,
  EndpointPii,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { personalDataApiRef } from '../api/personalDataApi';

/** What the personal-data API said about one endpoint. */
export type EndpointPiiState = {
  /** False when the app has no personal-data API: nothing is asked or shown. */
  available: boolean;
  loading: boolean;
  /** Any failure but a 404. */
  error?: Error;
  /**
   * The API does not know the endpoint (404): neither its catalog mirror
   * nor the lineage index has it yet, so nothing was computed for it.
   */
  notFound: boolean;
  value?: EndpointPii;
  /** Its columns by dotted path. */
  columns: ReadonlyMap<string, ColumnPii>;
};

const isNotFound = (error: Error | undefined) =>
  (error as { statusCode?: number } | undefined)?.statusCode === 404;

/**
 * The personal data reaching an endpoint's columns along lineage, when the
 * app has the personal-data API (`api:data-platform/personal-data`);
 * nothing is asked without an endpoint ref.
 */
export function useEndpointPii(
  endpointRef: string | undefined,
): EndpointPiiState {
  const api = useApiHolder().get(personalDataApiRef);
  const state = useAsync(
    async () =>
      api && endpointRef ? api.getEndpointPii(endpointRef) : undefined,
    [api, endpointRef],
  );
  const columns = useMemo(
    () => new Map((state.value?.columns ?? []).map(c => [c.column, c])),
    [state.value],
  );
  const notFound = isNotFound(state.error);
  return {
    available: !!api && !!endpointRef,
    loading: state.loading,
    error: notFound ? undefined : state.error,
    notFound,
    value: state.value,
    columns,
  };
}
