import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  OnCallPage,
  OnCallQuery,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineHealthApiRef } from '../../api/healthApi';

/** What the on-call list shows, and how fresh it is. */
export interface OnCallListState {
  page?: OnCallPage;
  /** True until the first answer for the current query. */
  loading: boolean;
  /** The last request failed; `page` (if any) is from before. */
  error?: Error;
  /** When `page` was fetched (epoch ms). */
  updatedAt?: number;
  /** `page` answers an earlier query; the current one is on its way. */
  stale: boolean;
  reload: () => void;
}

/**
 * One page of the on-call list for a query, fetched again every
 * `refreshIntervalMs` while the browser tab is visible. Answers to an
 * outdated query are dropped, and a failed refresh keeps the rows already
 * shown (with the error), so a blip does not blank the on-call screen.
 * With no query (identity still loading) nothing is fetched.
 */
export function useOnCallList(
  query: OnCallQuery | undefined,
  refreshIntervalMs: number,
): OnCallListState {
  const api = useApi(pipelineHealthApiRef);
  const [state, setState] = useState<
    Omit<OnCallListState, 'reload' | 'stale'> & { pageKey?: string }
  >({ loading: true });
  const latestRequest = useRef(0);
  const key = query ? JSON.stringify(query) : undefined;

  const load = useCallback(async () => {
    if (!key) return;
    const request = ++latestRequest.current;
    try {
      const page = await api.getOnCall(JSON.parse(key) as OnCallQuery);
      if (request === latestRequest.current) {
        setState({ page, pageKey: key, loading: false, updatedAt: Date.now() });
      }
    } catch (error) {
      if (request === latestRequest.current) {
        setState(previous => ({
          ...previous,
          loading: false,
          error: error as Error,
        }));
      }
    }
  }, [api, key]);

  useEffect(() => {
    setState(previous => ({
      ...previous,
      loading: !previous.page,
      error: undefined,
    }));
    load();
  }, [load]);

  useEffect(() => {
    if (!(refreshIntervalMs > 0)) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') load();
    }, refreshIntervalMs);
    return () => clearInterval(timer);
  }, [load, refreshIntervalMs]);

  const { pageKey, ...rest } = state;
  return { ...rest, stale: !!rest.page && pageKey !== key, reload: load };
}
