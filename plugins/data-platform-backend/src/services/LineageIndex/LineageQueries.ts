import { NotFoundError } from '@backstage/errors';
import type {
  ColumnLineage,
  RecordedColumns,
  LineageDirection,
  LineageEdge,
  LineageCatalogGap,
  LineageCatalogGaps,
  LineageGraph,
  LineageNode,
  LineageNodeKind,
  LineagePath,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { ColumnLineageQueries, type ColumnWalk } from './ColumnLineageQueries';
import { nodeKind, parseOpenLineageNodeId, publicNodeId } from './nodeIds';
import { resolveNode } from './nodeRows';
import type { NodeRow } from './types';
import {
  LineageGraphCache,
  LineageSnapshot,
  neighbours,
  openLineageKey,
  outRange,
} from './LineageGraphCache';

// One collator for every sort by title: localeCompare builds one per call.
const byTitle = new Intl.Collator('en-US');

function toNode(
  row: NodeRow,
  snapshot: LineageSnapshot,
  depth: number,
): LineageNode {
  return {
    id: publicNodeId(row),
    kind: nodeKind(row),
    title: row.title,
    registered: row.entity_etag !== null,
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.ol_namespace && row.ol_name
      ? { openLineage: { namespace: row.ol_namespace, name: row.ol_name } }
      : {}),
    depth,
    upstreamCount: neighbours(snapshot, row.id, -1).length,
    downstreamCount: neighbours(snapshot, row.id, 1).length,
  };
}

function toNodes(
  snapshot: LineageSnapshot,
  ids: number[],
  depthOf: Map<number, number>,
): LineageNode[] {
  return ids.map(id =>
    toNode(snapshot.nodes.get(id)!, snapshot, depthOf.get(id) ?? 0),
  );
}

/** Edges whose both ends are among `ids`, with where they are known from. */
function edgesAmong(
  snapshot: LineageSnapshot,
  ids: number[],
): (LineageEdge & { fromId: number; toId: number })[] {
  const wanted = new Set(ids);
  const edges: (LineageEdge & { fromId: number; toId: number })[] = [];
  for (const fromId of ids) {
    const [start, end] = outRange(snapshot, fromId);
    for (let i = start; i < end; i++) {
      const toId = snapshot.outTargets[i];
      if (!wanted.has(toId)) continue;
      const declared = snapshot.outDeclared[i] === 1;
      const lastSeen = snapshot.outLastSeen[i];
      const observed = !Number.isNaN(lastSeen);
      let source: LineageEdge['source'] = 'declared';
      if (observed) source = declared ? 'both' : 'observed';
      edges.push({
        fromId,
        toId,
        from: publicNodeId(snapshot.nodes.get(fromId)!),
        to: publicNodeId(snapshot.nodes.get(toId)!),
        source,
        ...(observed ? { lastSeenAt: new Date(lastSeen).toISOString() } : {}),
      });
    }
  }
  return edges;
}

/**
 * Reads of the lineage index: neighbourhoods (bounded by a node cap) and
 * shortest paths walked in this instance's in-memory snapshot; column
 * lineage and search in the database.
 */
export class LineageQueries {
  private readonly cache: LineageGraphCache;
  private readonly columnLineage: ColumnLineageQueries;

  constructor(
    private readonly db: Knex,
    options: ConstructorParameters<typeof LineageGraphCache>[1] = {},
  ) {
    this.cache = new LineageGraphCache(db, options);
    this.columnLineage = new ColumnLineageQueries(db);
  }

  /** The node row for a public node id, or NotFoundError. */
  resolve(id: string): Promise<NodeRow> {
    return resolveNode(this.db, id);
  }

  /** A node's id in the snapshot, rebuilding it once if the node is newer. */
  private async locate(
    id: string,
  ): Promise<{ snapshot: LineageSnapshot; nodeId: number }> {
    const find = (s: LineageSnapshot) => {
      const observed = parseOpenLineageNodeId(id);
      return observed
        ? s.byOpenLineage.get(openLineageKey(observed.namespace, observed.name))
        : s.byEntityRef.get(id.toLocaleLowerCase('en-US'));
    };
    let snapshot = await this.cache.get();
    let nodeId = find(snapshot);
    if (nodeId === undefined) {
      snapshot = await this.cache.get({ fresh: true });
      nodeId = find(snapshot);
    }
    if (nodeId === undefined)
      throw new NotFoundError(`No lineage node "${id}"`);
    return { snapshot, nodeId };
  }

  async graph(options: {
    node: string;
    direction: LineageDirection;
    depth: number;
    maxNodes: number;
  }): Promise<LineageGraph> {
    const { snapshot, nodeId: root } = await this.locate(options.node);
    const depthOf = new Map<number, number>([[root, 0]]);
    const frontier = new Set<number>();
    const walk = (sign: 1 | -1) => {
      let level = [root];
      for (let hop = 1; hop <= options.depth && level.length > 0; hop++) {
        const next: number[] = [];
        for (const id of level) {
          for (const other of neighbours(snapshot, id, sign)) {
            if (depthOf.has(other)) continue;
            if (depthOf.size >= options.maxNodes) {
              frontier.add(id);
              break;
            }
            depthOf.set(other, sign * hop);
            next.push(other);
          }
        }
        level = next;
      }
    };
    if (options.direction !== 'upstream') walk(1);
    if (options.direction !== 'downstream') walk(-1);

    const nodeIds = [...depthOf.keys()];
    return {
      root: publicNodeId(snapshot.nodes.get(root)!),
      nodes: toNodes(snapshot, nodeIds, depthOf),
      edges: edgesAmong(snapshot, nodeIds).map(
        ({ fromId: _f, toId: _t, ...edge }) => edge,
      ),
      ...(frontier.size > 0
        ? {
            cutoff: {
              reason: 'maxNodes' as const,
              maxNodes: options.maxNodes,
              frontier: [...frontier].map(id =>
                publicNodeId(snapshot.nodes.get(id)!),
              ),
            },
          }
        : {}),
    };
  }

  /** Shortest path along data flow from `from` to `to` (breadth first). */
  async path(options: {
    from: string;
    to: string;
    maxDepth: number;
  }): Promise<LineagePath> {
    const { nodeId: from } = await this.locate(options.from);
    const { snapshot, nodeId: to } = await this.locate(options.to);
    const parent = new Map<number, number>([[from, from]]);
    let level = [from];
    for (let hop = 0; hop < options.maxDepth && !parent.has(to); hop++) {
      const next: number[] = [];
      for (const id of level) {
        for (const other of neighbours(snapshot, id, 1)) {
          if (!parent.has(other)) {
            parent.set(other, id);
            next.push(other);
          }
        }
      }
      if (next.length === 0) break;
      level = next;
    }
    const pathIds: number[] = [];
    if (parent.has(to)) {
      for (let at = to; ; at = parent.get(at)!) {
        pathIds.unshift(at);
        if (at === from) break;
      }
    }
    const onPath = new Set(
      pathIds.slice(1).map((id, i) => `${pathIds[i]}>${id}`),
    );
    const id = (n: number) => publicNodeId(snapshot.nodes.get(n)!);
    return {
      from: id(from),
      to: id(to),
      path: pathIds.map(id),
      nodes: toNodes(snapshot, pathIds, new Map(pathIds.map((n, i) => [n, i]))),
      edges: edgesAmong(snapshot, pathIds)
        .filter(e => onPath.has(`${e.fromId}>${e.toId}`))
        .map(({ fromId: _f, toId: _t, ...edge }) => edge),
    };
  }

  /** Columns feeding, and fed by, one column of a node, transitively. */
  columns(options: ColumnWalk): Promise<ColumnLineage> {
    return this.columnLineage.columns(options);
  }

  /**
   * The columns of a node that column lineage was recorded for; the node by
   * id, or as {@link LineageQueries.resolve} found it.
   */
  recordedColumns(node: string | NodeRow): Promise<RecordedColumns> {
    return this.columnLineage.recordedColumns(node);
  }

  /**
   * The nodes no catalog entity backs, most connected first (then the most
   * recently observed), walked in the snapshot: one pass over the nodes and
   * one over the edges.
   */
  async catalogGaps(options: {
    kind?: LineageNodeKind;
    limit: number;
    offset: number;
  }): Promise<LineageCatalogGaps> {
    const snapshot = await this.cache.get();
    const byKind: LineageCatalogGaps['byKind'] = {};
    const gaps: NodeRow[] = [];
    for (const row of snapshot.nodes.values()) {
      if (row.entity_etag !== null) continue;
      const kind = nodeKind(row);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      if (!options.kind || options.kind === kind) gaps.push(row);
    }
    // When an event last showed any edge of each gap (0: never), in one
    // pass over the edges.
    const size = snapshot.outOffsets.length - 1;
    const isGap = new Uint8Array(size);
    for (const row of gaps) isGap[row.id] = 1;
    const lastSeen = new Float64Array(size);
    const { outOffsets, outTargets, outLastSeen } = snapshot;
    for (let from = 0; from < size; from++) {
      for (let i = outOffsets[from]; i < outOffsets[from + 1]; i++) {
        const to = outTargets[i];
        const at = outLastSeen[i];
        // NaN (never observed) fails both comparisons.
        if (isGap[from] === 1 && at > lastSeen[from]) lastSeen[from] = at;
        if (isGap[to] === 1 && at > lastSeen[to]) lastSeen[to] = at;
      }
    }
    const ranked = gaps.map(row => ({
      row,
      degree:
        neighbours(snapshot, row.id, 1).length +
        neighbours(snapshot, row.id, -1).length,
      at: lastSeen[row.id],
    }));
    ranked.sort(
      (a, b) =>
        b.degree - a.degree ||
        b.at - a.at ||
        byTitle.compare(a.row.title, b.row.title),
    );
    const nodes = ranked
      .slice(options.offset, options.offset + options.limit)
      .map(
        ({ row, at }): LineageCatalogGap => ({
          ...toNode(row, snapshot, 0),
          reason: row.entity_ref ? 'missing-entity' : 'openlineage-only',
          ...(at > 0 ? { lastSeenAt: new Date(at).toISOString() } : {}),
        }),
      );
    return { total: gaps.length, byKind, nodes };
  }

  /** Nodes whose title or names contain the query, registered ones first. */
  async search(query: string, limit: number): Promise<LineageNode[]> {
    // `_`, `%` and `\` are LIKE wildcards and its escape: escaped, they match
    // only themselves (names like raw_orders are full of underscores).
    const needle = query
      .toLocaleLowerCase('en-US')
      .replace(/[%_\\]/g, c => `\\${c}`);
    const rows: NodeRow[] = await this.db('lineage_nodes')
      .whereRaw(`search_text LIKE ? ESCAPE '\\'`, [`%${needle}%`])
      .orderByRaw('CASE WHEN entity_etag IS NULL THEN 1 ELSE 0 END')
      .orderBy('title')
      .limit(limit);
    const snapshot = await this.cache.get();
    return rows.map(row => toNode(row, snapshot, 0));
  }
}
