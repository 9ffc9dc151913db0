import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { fromGraph, mergeGraph, ShownLineage } from './mergeGraph';

/** Node cap per request: enough for a 1,000-node view, bounded for the API. */
export const MAX_NODES = 1000;

export type LineageGraphState = {
  shown?: ShownLineage;
  loading: boolean;
  error?: Error;
  /** Nodes being expanded right now. */
  expanding: Set<string>;
  /** The last node expanded: the view keeps it in place. */
  lastExpanded?: string;
  expansionError?: Error;
  expand(id: string, direction: LineageDirection): Promise<void>;
  /** Adds nodes and edges from elsewhere (a path) to the view. */
  add(graph: Parameters<typeof mergeGraph>[1], around: string): void;
  retry(): void;
};

/**
 * The lineage around `root`, `depth` hops in direction `walk` (both ways unless
 * told), and expansions of single nodes on demand.
 */
export function useLineageGraph(
  root: string | undefined,
  depth: number,
  walk: LineageDirection = 'both',
): LineageGraphState {
  const api = useApi(dataPlatformApiRef);
  const [shown, setShown] = useState<ShownLineage>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();
  const [expanding, setExpanding] = useState<Set<string>>(new Set());
  const [lastExpanded, setLastExpanded] = useState<string>();
  const [expansionError, setExpansionError] = useState<Error>();
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    if (!root) {
      setShown(undefined);
      return undefined;
    }
    const current = ++generation.current;
    setLoading(true);
    setError(undefined);
    setExpansionError(undefined);
    setLastExpanded(undefined);
    api
      .getLineageGraph({
        node: root,
        direction: walk,
        depth,
        maxNodes: MAX_NODES,
      })
      .then(
        graph => {
          if (generation.current !== current) return;
          setShown(fromGraph(graph));
          setLoading(false);
        },
        e => {
          if (generation.current !== current) return;
          setShown(undefined);
          setError(e);
          setLoading(false);
        },
      );
    // The counter object itself, not a DOM node: the cleanup bumps it so
    // answers to this request are ignored.
    const generationRef = generation;
    return () => {
      generationRef.current++;
    };
  }, [api, root, depth, walk, attempt]);

  const expand = useCallback(
    async (id: string, direction: LineageDirection) => {
      const current = generation.current;
      setExpanding(s => new Set(s).add(id));
      setExpansionError(undefined);
      try {
        const graph = await api.getLineageGraph({
          node: id,
          direction,
          depth: 1,
          maxNodes: MAX_NODES,
        });
        if (generation.current !== current) return;
        setLastExpanded(id);
        setShown(s => (s ? mergeGraph(s, graph, id) : s));
      } catch (e) {
        setExpansionError(e as Error);
      } finally {
        setExpanding(s => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }
    },
    [api],
  );

  const add = useCallback(
    (graph: Parameters<typeof mergeGraph>[1], around: string) =>
      setShown(s => (s ? mergeGraph(s, graph, around) : s)),
    [],
  );

  return {
    shown,
    loading,
    error,
    expanding,
    lastExpanded,
    expansionError,
    expand,
    add,
    retry: () => setAttempt(a => a + 1),
  };
}
