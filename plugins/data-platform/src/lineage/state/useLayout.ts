import { useEffect, useRef, useState } from 'react';
import { runLayout } from '../layout/runLayout';
import type { LayoutResult } from '../layout/types';
import { COLUMN_GAP, NODE_HEIGHT, NODE_WIDTH, ROW_GAP } from '../graph/visuals';
import type { ShownLineage } from './mergeGraph';

/** A layout and the graph it was computed for (drawn together). */
export type LaidOutLineage = { of: ShownLineage; result: LayoutResult };

/** Lays out what is shown, off the main thread; the previous layout stays until the new one is ready. */
export function useLayout(shown: ShownLineage | undefined) {
  const [layout, setLayout] = useState<LaidOutLineage>();
  const latest = useRef<ShownLineage>();
  useEffect(() => {
    latest.current = shown;
    if (!shown) return;
    runLayout({
      root: shown.root,
      nodes: shown.nodes.map(n => ({ id: n.id, depth: n.depth })),
      edges: shown.edges.map(e => ({ from: e.from, to: e.to })),
      nodeWidth: NODE_WIDTH,
      nodeHeight: NODE_HEIGHT,
      columnGap: COLUMN_GAP,
      rowGap: ROW_GAP,
    }).then(result => {
      if (latest.current === shown) setLayout({ of: shown, result });
    });
  }, [shown]);
  return {
    /** The layout and the graph it was computed for (drawn together). */
    layout:
      layout && shown && layout.of.root === shown.root ? layout : undefined,
    pending: !!shown && layout?.of !== shown,
  };
}
