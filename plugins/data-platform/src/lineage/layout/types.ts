/** What the layout needs to know about a lineage graph. */
export type LayoutRequest = {
  root: string;
  /** `depth` is the API's signed hop count from the root: a hint for the side. */
  nodes: { id: string; depth: number }[];
  edges: { from: string; to: string }[];
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal gap between columns. */
  columnGap: number;
  /** Vertical gap between nodes of a column. */
  rowGap: number;
};

/** Where every node goes: top-left corners, in graph coordinates. */
export type LayoutResult = {
  positions: Record<string, { x: number; y: number; column: number }>;
  width: number;
  height: number;
  /** Wall time spent in the layout itself (milliseconds). */
  elapsedMs: number;
};
