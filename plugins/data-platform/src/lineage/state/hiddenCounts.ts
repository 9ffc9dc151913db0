import type {
  LineageEdge,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * Per node, how many of its neighbours in the whole lineage index are not on
 * screen: the "+N" of a collapsed node. The API counts edges in the index;
 * edges already drawn are subtracted.
 */
export function hiddenNeighbourCounts(
  nodes: LineageNode[],
  edges: LineageEdge[],
): Map<string, { upstream: number; downstream: number }> {
  const shownIn = new Map<string, number>();
  const shownOut = new Map<string, number>();
  for (const edge of edges) {
    shownOut.set(edge.from, (shownOut.get(edge.from) ?? 0) + 1);
    shownIn.set(edge.to, (shownIn.get(edge.to) ?? 0) + 1);
  }
  const hidden = new Map<string, { upstream: number; downstream: number }>();
  for (const node of nodes) {
    const upstream = Math.max(
      0,
      node.upstreamCount - (shownIn.get(node.id) ?? 0),
    );
    const downstream = Math.max(
      0,
      node.downstreamCount - (shownOut.get(node.id) ?? 0),
    );
    if (upstream > 0 || downstream > 0) {
      hidden.set(node.id, { upstream, downstream });
    }
  }
  return hidden;
}
