import { useEffect, useRef } from 'react';
import type { LineageNode } from '@dataplatform/backstage-plugin-data-platform-common';
import type { LineageGraphState } from './useLineageGraph';

/**
 * Finds the path asked for by the link that opened the explorer (a root
 * cause's `pathFrom`, upstream of the start) once the start is loaded:
 * once per start and end, so that clearing it leaves it cleared.
 */
export function useLinkedPath(options: {
  pathFrom?: string;
  start?: string;
  lineage: Pick<LineageGraphState, 'shown' | 'loading'>;
  findPathFrom(ref: string, to: LineageNode): void;
}) {
  const { pathFrom, start, lineage } = options;
  const asked = useRef<string>();
  useEffect(() => {
    const shownStart = lineage.shown?.root;
    const key = `${pathFrom}>${shownStart}`;
    if (!pathFrom || !shownStart || shownStart !== start) return;
    if (asked.current === key || lineage.loading) return;
    asked.current = key;
    const end = lineage.shown?.nodes.find(n => n.id === shownStart);
    if (end) options.findPathFrom(pathFrom, end);
    // findPathFrom is recreated each render; the keys above say when to run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathFrom, start, lineage.shown, lineage.loading]);
}
