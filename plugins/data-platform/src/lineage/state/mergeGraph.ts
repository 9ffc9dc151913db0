import type {
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineagePath,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The lineage on screen: what was loaded, plus every expansion since. */
export type ShownLineage = {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Nodes where the API stopped at its node cap. */
  frontier: Set<string>;
  /** The node cap of the last truncated answer, if any was truncated. */
  cutoffMaxNodes?: number;
  /**
   * Whether an answer left nodes out because the user may not read their
   * catalog entities (or because they lie only beyond such nodes).
   */
  restricted: boolean;
};

export const edgeKey = (edge: { from: string; to: string }) =>
  `${edge.from}->${edge.to}`;

export function fromGraph(graph: LineageGraph): ShownLineage {
  return {
    root: graph.root,
    nodes: graph.nodes,
    edges: graph.edges,
    frontier: new Set(graph.cutoff?.frontier ?? []),
    cutoffMaxNodes: graph.cutoff?.maxNodes,
    restricted: (graph.hiddenNodes ?? 0) > 0,
  };
}

/**
 * Adds an answer fetched around `around` (an expansion, or a path) to what is
 * shown. Depths of new nodes are re-based on `around`'s depth, so they stay
 * relative to the root the user started from; known nodes keep theirs.
 */
export function mergeGraph(
  shown: ShownLineage,
  added: Pick<LineageGraph, 'nodes' | 'edges' | 'cutoff' | 'hiddenNodes'>,
  around: string,
): ShownLineage {
  const byId = new Map(shown.nodes.map(n => [n.id, n]));
  const base = byId.get(around)?.depth ?? 0;
  const nodes = [...shown.nodes];
  for (const node of added.nodes) {
    if (byId.has(node.id)) continue;
    const rebased = { ...node, depth: base + node.depth };
    byId.set(node.id, rebased);
    nodes.push(rebased);
  }
  const keys = new Set(shown.edges.map(edgeKey));
  const edges = [...shown.edges];
  for (const edge of added.edges) {
    const key = edgeKey(edge);
    if (keys.has(key) || !byId.has(edge.from) || !byId.has(edge.to)) continue;
    keys.add(key);
    edges.push(edge);
  }
  const frontier = new Set(shown.frontier);
  frontier.delete(around);
  for (const id of added.cutoff?.frontier ?? []) frontier.add(id);
  return {
    root: shown.root,
    nodes,
    edges,
    frontier,
    cutoffMaxNodes: added.cutoff?.maxNodes ?? shown.cutoffMaxNodes,
    restricted: shown.restricted || (added.hiddenNodes ?? 0) > 0,
  };
}

/**
 * A path found by the API as an answer to merge with {@link mergeGraph}:
 * its nodes' depths (their places along the path) re-based on the first of
 * them already on screen, which is the one to merge around. A path whose
 * start is not on screen (from a root cause far upstream) then lands left of
 * the node it leads to, as lineage reads. Undefined when none is on screen.
 */
export function pathToMerge(
  found: LineagePath,
  shown: ShownLineage,
):
  | { graph: Pick<LineageGraph, 'nodes' | 'edges'>; around: string }
  | undefined {
  const onScreen = new Set(shown.nodes.map(n => n.id));
  const at = found.path.findIndex(id => onScreen.has(id));
  if (at < 0) return undefined;
  const place = new Map(found.path.map((id, i) => [id, i - at]));
  return {
    graph: {
      nodes: found.nodes.map(n => ({ ...n, depth: place.get(n.id) ?? 0 })),
      edges: found.edges,
    },
    around: found.path[at],
  };
}
