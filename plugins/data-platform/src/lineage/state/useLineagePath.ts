import { useCallback, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { LineageNode } from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { pipelineName } from '../../format/entityNames';
import { edgeKey, pathToMerge } from './mergeGraph';
import type { LineageGraphState } from './useLineageGraph';

/** An end of a path: a node on screen, or one known only by ref and name. */
export type PathEnd = Pick<LineageNode, 'id' | 'title'>;

/** The path being chosen, looked for, or found (its nodes and `from->to` edges). */
export type PathState = {
  from?: PathEnd;
  to?: PathEnd;
  loading?: boolean;
  nodes?: Set<string>;
  edges?: Set<string>;
  hops?: number;
  error?: string;
};

/**
 * The shortest path between two nodes, chosen end by end ("Path from here",
 * "Path to here") or both at once (a root cause, by ref). A path found is merged
 * into what `lineage` shows, and `onFound` gets its node ids, in order, to
 * frame them once they are laid out.
 */
export function useLineagePath(
  lineage: Pick<LineageGraphState, 'shown' | 'add'>,
  onFound: (ids: string[]) => void,
) {
  const api = useApi(dataPlatformApiRef);
  const [path, setPath] = useState<PathState>({});
  const { shown, add } = lineage;

  const findPath = useCallback(
    async (from: PathEnd, to: PathEnd) => {
      setPath({ from, to, loading: true });
      try {
        const found = await api.getLineagePath(from.id, to.id);
        if (found.path.length === 0) {
          setPath({
            from,
            to,
            error: found.hiddenNodes
              ? `Data from ${from.title} reaches ${to.title} only through catalog entities you do not have access to.`
              : `No data flows from ${from.title} to ${to.title}.`,
          });
          return;
        }
        const merge = shown && pathToMerge(found, shown);
        if (merge) add(merge.graph, merge.around);
        onFound(found.path);
        const edges = new Set<string>();
        for (let i = 1; i < found.path.length; i++) {
          edges.add(edgeKey({ from: found.path[i - 1], to: found.path[i] }));
        }
        // An end known only by ref is named as the API names it.
        const titled = (end: PathEnd) =>
          found.nodes.find(n => n.id === end.id) ?? end;
        setPath({
          from: titled(from),
          to: titled(to),
          nodes: new Set(found.path),
          edges,
          hops: found.path.length - 1,
        });
      } catch (e) {
        setPath({
          from,
          to,
          error: `Could not find a path: ${(e as Error).message}`,
        });
      }
    },
    [api, shown, add, onFound],
  );

  const chooseEnd = (end: 'from' | 'to', node: PathEnd) => {
    const next = {
      ...path,
      [end]: node,
      nodes: undefined,
      edges: undefined,
      error: undefined,
    };
    if (next.from && next.to) findPath(next.from, next.to);
    else setPath(next);
  };

  // An end given by ref (a root cause): named by its title when it is on
  // screen, else by its name until the path found names it.
  const findPathFrom = (ref: string, to: PathEnd) =>
    findPath(
      {
        id: ref,
        title: shown?.nodes.find(n => n.id === ref)?.title ?? pipelineName(ref),
      },
      to,
    );

  const clear = useCallback(() => setPath({}), []);
  return { path, findPathFrom, chooseEnd, clear };
}
