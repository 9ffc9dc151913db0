import { useEffect, useRef, useState } from 'react';
import type { LineageNode } from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * What is picked in the graph around `root`: the selected node, and the
 * node whose column lineage is open. A new start closes the column lineage
 * and selects the node asked for with it (`selectOnNextStart`: the node
 * whose downstream is shown from there), else none.
 */
export function useStartSelection(root: string | undefined) {
  const [selected, setSelected] = useState<string>();
  const [columnsOf, setColumnsOf] = useState<LineageNode>();
  const onNextStart = useRef<string>();
  useEffect(() => {
    setSelected(onNextStart.current);
    onNextStart.current = undefined;
    setColumnsOf(undefined);
  }, [root]);
  return {
    selected,
    select: setSelected,
    selectOnNextStart: (id: string) => {
      onNextStart.current = id;
    },
    columnsOf,
    showColumnsOf: setColumnsOf,
  };
}
