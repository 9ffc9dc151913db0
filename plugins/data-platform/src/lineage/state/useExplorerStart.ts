import { useEffect, useState } from 'react';
import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';

/** How much of the lineage around the start is shown. */
export type ExplorerView = { depth: number; walk: LineageDirection };

/**
 * Where the explorer starts and how far it walks from there: the start
 * (following `initialNode` when the page changes it), the hops and the
 * direction. Changes the user makes are reported through `onRootChange` and
 * `onViewChange`, so a page can keep them in its URL.
 */
export function useExplorerStart(options: {
  initialNode?: string;
  initialDepth?: number;
  initialWalk?: LineageDirection;
  onViewChange?(view: ExplorerView): void;
  onRootChange?(id: string, view?: ExplorerView): void;
}) {
  const [root, setRoot] = useState(options.initialNode);
  const [depth, setDepth] = useState(options.initialDepth ?? 1);
  const [walk, setWalk] = useState<LineageDirection>(
    options.initialWalk ?? 'both',
  );
  useEffect(() => setRoot(options.initialNode), [options.initialNode]);

  /** Starts from another node, with other hops and direction when given. */
  const changeRoot = (id: string, view?: ExplorerView) => {
    setRoot(id);
    if (view) {
      setDepth(view.depth);
      setWalk(view.walk);
    }
    options.onRootChange?.(id, view);
  };
  /** Shows other hops or another direction from the same start. */
  const changeView = (view: ExplorerView) => {
    setDepth(view.depth);
    setWalk(view.walk);
    options.onViewChange?.(view);
  };
  return { root, depth, walk, changeRoot, changeView };
}
