import { NotFoundError } from '@backstage/errors';
import type {
  ColumnLineage,
  ColumnLineageEdge,
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineagePath,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { UnreadableEntities } from '../CatalogReadAccess';
import { groupBy } from '../../collections/groupBy';

/*
 * Lineage answers as one caller may see them: without the registered nodes
 * whose catalog entities they may not read, and without what is connected to
 * the answer's start only through such nodes (it would float unconnected).
 * `hiddenNodes` says how many nodes were left out, so that the page can say
 * why lineage seems to stop.
 */

/** The ids among these nodes that are catalog entities. */
const entityRefsOf = (nodes: Pick<LineageNode, 'id' | 'registered'>[]) =>
  nodes.filter(n => n.registered).map(n => n.id);

/** The one a start node the caller may not read is: no such node. */
function assertReadable(id: string, unreadable: Set<string>) {
  if (unreadable.has(id)) throw new NotFoundError(`No lineage node "${id}"`);
}

/** Node ids connected to `start` through `edges`, whichever way they point. */
function connectedTo(
  start: string,
  edges: { from: string; to: string }[],
): Set<string> {
  const links = groupBy(
    edges.flatMap(e => [
      [e.from, e.to],
      [e.to, e.from],
    ]),
    ([a]) => a,
    ([, b]) => b,
  );
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const other of links.get(queue.pop()!) ?? []) {
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

/**
 * The graph without the nodes the caller may not read and what lies only
 * beyond them. A kept node's upstream and downstream counts no longer count
 * the edges to left-out neighbours of this answer, so that its +N does not
 * offer what expanding would not show.
 */
export async function visibleGraph(
  graph: LineageGraph,
  unreadableOf: UnreadableEntities,
): Promise<LineageGraph> {
  const unreadable = await unreadableOf(entityRefsOf(graph.nodes));
  if (unreadable.size === 0) return graph;
  assertReadable(graph.root, unreadable);
  const readableEdges = graph.edges.filter(
    e => !unreadable.has(e.from) && !unreadable.has(e.to),
  );
  const kept = connectedTo(graph.root, readableEdges);
  const edges: LineageEdge[] = [];
  const lostUp = new Map<string, number>();
  const lostDown = new Map<string, number>();
  const count = (counts: Map<string, number>, id: string) =>
    counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const e of graph.edges) {
    if (kept.has(e.from) && kept.has(e.to)) edges.push(e);
    else if (kept.has(e.to)) count(lostUp, e.to);
    else if (kept.has(e.from)) count(lostDown, e.from);
  }
  const nodes = graph.nodes
    .filter(n => kept.has(n.id))
    .map(n => ({
      ...n,
      upstreamCount: n.upstreamCount - (lostUp.get(n.id) ?? 0),
      downstreamCount: n.downstreamCount - (lostDown.get(n.id) ?? 0),
    }));
  const frontier = graph.cutoff?.frontier.filter(id => kept.has(id));
  return {
    root: graph.root,
    nodes,
    edges,
    ...(graph.cutoff && frontier!.length > 0
      ? { cutoff: { ...graph.cutoff, frontier: frontier! } }
      : {}),
    hiddenNodes: graph.nodes.length - nodes.length,
  };
}

/**
 * The path, or none when it runs through a node the caller may not read
 * (then `hiddenNodes` says through how many).
 */
export async function visiblePath(
  path: LineagePath,
  unreadableOf: UnreadableEntities,
): Promise<LineagePath> {
  const unreadable = await unreadableOf(entityRefsOf(path.nodes));
  if (unreadable.size === 0) return path;
  assertReadable(path.from, unreadable);
  assertReadable(path.to, unreadable);
  return {
    from: path.from,
    to: path.to,
    path: [],
    nodes: [],
    edges: [],
    hiddenNodes: unreadable.size,
  };
}

/** Search hits the caller may read. */
export async function visibleNodes<T extends LineageNode>(
  nodes: T[],
  unreadableOf: UnreadableEntities,
): Promise<T[]> {
  const unreadable = await unreadableOf(entityRefsOf(nodes));
  return unreadable.size === 0
    ? nodes
    : nodes.filter(n => !unreadable.has(n.id));
}

/** A node the caller asks about directly (its recorded columns). */
export async function assertNodeReadable(
  node: { id: string; registered: boolean },
  unreadableOf: UnreadableEntities,
): Promise<void> {
  if (node.registered) assertReadable(node.id, await unreadableOf([node.id]));
}

/**
 * Column lineage without the columns of nodes the caller may not read, and
 * without the columns reached only through them; a job the caller may not
 * read is no longer named as the one that did a transformation.
 */
export async function visibleColumns(
  lineage: ColumnLineage,
  unreadableOf: UnreadableEntities,
): Promise<ColumnLineage> {
  const nodes = lineage.nodes ?? [];
  const named = [
    lineage.node,
    ...[...lineage.upstream, ...lineage.downstream].flatMap(e => [
      e.from.node,
      e.to.node,
    ]),
  ];
  const unreadable = await unreadableOf(entityRefsOf(nodes));
  if (unreadable.size === 0) return lineage;
  assertReadable(lineage.node, unreadable);
  const key = (c: { node: string; column: string }) => `${c.node}\0${c.column}`;
  const readable = [...lineage.upstream, ...lineage.downstream].filter(
    e => !unreadable.has(e.from.node) && !unreadable.has(e.to.node),
  );
  const kept = connectedTo(
    key(lineage),
    readable.map(e => ({ from: key(e.from), to: key(e.to) })),
  );
  const keep = (edges: ColumnLineageEdge[]): ColumnLineageEdge[] =>
    edges
      .filter(e => kept.has(key(e.from)) && kept.has(key(e.to)))
      .map(
        ({ via, ...e }): ColumnLineageEdge =>
          via !== undefined && !unreadable.has(via) ? { ...e, via } : e,
      );
  const upstream = keep(lineage.upstream);
  const downstream = keep(lineage.downstream);
  const shownNodes = new Set([
    lineage.node,
    ...[...upstream, ...downstream].flatMap(e => [
      e.from.node,
      e.to.node,
      ...(e.via ? [e.via] : []),
    ]),
  ]);
  const allNodes = new Set([...named, ...nodes.map(n => n.id)]);
  return {
    ...lineage,
    upstream,
    downstream,
    ...(lineage.nodes && {
      nodes: lineage.nodes.filter(n => shownNodes.has(n.id)),
    }),
    hiddenNodes: [...allNodes].filter(id => !shownNodes.has(id)).length,
  };
}
