import { NotFoundError } from '@backstage/errors';
import type {
  ColumnLineage,
  ColumnLineageEdge,
  RecordedColumn,
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
import { chunk } from '../../database/chunk';
import { nodeKind, parseOpenLineageNodeId, publicNodeId } from './nodeIds';
import type { NodeRow } from './types';
import {
  LineageGraphCache,
  LineageSnapshot,
  neighbours,
  openLineageKey,
  outRange,
} from './LineageGraphCache';

const BATCH = 1000;
/** Column edges per direction that `columns` returns unless told. */
export const COLUMN_EDGES_DEFAULT = 2000;
// Columns a query of the column walk asks about: two bindings each at most.
const COLUMN_BATCH = 400;
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

  constructor(
    protected readonly db: Knex,
    options: ConstructorParameters<typeof LineageGraphCache>[1] = {},
  ) {
    this.cache = new LineageGraphCache(db, options);
  }

  /** The node row for a public node id, or NotFoundError. */
  async resolve(id: string): Promise<NodeRow> {
    const observed = parseOpenLineageNodeId(id);
    const row: NodeRow | undefined = observed
      ? await this.db('lineage_nodes')
          .where({ ol_namespace: observed.namespace, ol_name: observed.name })
          .first()
      : await this.db('lineage_nodes')
          .where('entity_ref', id.toLocaleLowerCase('en-US'))
          .first();
    if (!row) throw new NotFoundError(`No lineage node "${id}"`);
    return row;
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
  async columns(options: {
    node: string;
    column: string;
    depth: number;
    /** Column edges per direction at most; the walk stops there. */
    maxEdges?: number;
  }): Promise<ColumnLineage> {
    const root = await this.resolve(options.node);
    const maxEdges = options.maxEdges ?? COLUMN_EDGES_DEFAULT;
    const collect = async (sign: 1 | -1) => {
      const found: (EdgeRowColumns & { hop: number })[] = [];
      let truncated = false;
      const seen = new Set<string>([`${root.id}.${options.column}`]);
      let level: ColumnAt[] = [{ id: root.id, column: options.column }];
      for (
        let hop = 1;
        hop <= options.depth && level.length > 0 && !truncated;
        hop++
      ) {
        const next: ColumnAt[] = [];
        for (const batch of chunk(level, COLUMN_BATCH)) {
          // One more than room is left for, to know whether there are more.
          const rows = await this.columnEdgesAt(
            batch,
            sign,
            maxEdges - found.length + 1,
          );
          if (found.length + rows.length > maxEdges) {
            rows.length = maxEdges - found.length;
            truncated = true;
          }
          for (const row of rows) {
            const other =
              sign === 1
                ? { id: row.to_id, column: row.to_column }
                : { id: row.from_id, column: row.from_column };
            found.push({ ...row, hop });
            const key = `${other.id}.${other.column}`;
            if (!seen.has(key)) {
              seen.add(key);
              next.push(other);
            }
          }
          if (truncated) break;
        }
        level = next;
      }
      return { found, truncated };
    };
    const [downstream, upstream] = await Promise.all([collect(1), collect(-1)]);
    const down = downstream.found;
    const up = upstream.found;
    const cutoffSides = [
      ...(upstream.truncated ? (['upstream'] as const) : []),
      ...(downstream.truncated ? (['downstream'] as const) : []),
    ];
    const nodeIds = new Set<number>([root.id]);
    for (const r of [...down, ...up]) {
      nodeIds.add(r.from_id);
      nodeIds.add(r.to_id);
      if (r.via_id) nodeIds.add(r.via_id);
    }
    const rows = await this.nodeRows([...nodeIds]);
    const ids = new Map(rows.map(r => [r.id, publicNodeId(r)]));
    const toColumnEdge = (r: EdgeRowColumns): ColumnLineageEdge => ({
      from: { node: ids.get(r.from_id)!, column: r.from_column },
      to: { node: ids.get(r.to_id)!, column: r.to_column },
      transformations: JSON.parse(r.transformations),
      ...(r.via_id ? { via: ids.get(r.via_id)! } : {}),
    });
    return {
      node: publicNodeId(root),
      column: options.column,
      upstream: up.map(toColumnEdge),
      downstream: down.map(toColumnEdge),
      nodes: rows.map(row => ({
        id: publicNodeId(row),
        kind: nodeKind(row),
        title: row.title,
        registered: row.entity_etag !== null,
      })),
      ...(cutoffSides.length > 0
        ? {
            cutoff: {
              reason: 'maxEdges' as const,
              maxEdges,
              sides: cutoffSides,
            },
          }
        : {}),
    };
  }

  /**
   * The column edges leaving (sign 1) or entering (-1) any of `columns`, at
   * most `limit`: one query for the whole batch, each node's columns an
   * indexed term of one OR. (The column bench's baseline overrides it.)
   */
  protected async columnEdgesAt(
    columns: ColumnAt[],
    sign: 1 | -1,
    limit: number,
  ): Promise<EdgeRowColumns[]> {
    const [idColumn, nameColumn] =
      sign === 1 ? ['from_id', 'from_column'] : ['to_id', 'to_column'];
    const byNode = new Map<number, string[]>();
    for (const { id, column } of columns) {
      const names = byNode.get(id);
      if (names) names.push(column);
      else byNode.set(id, [column]);
    }
    return this.db('lineage_column_edges')
      .where(query => {
        for (const [id, names] of byNode) {
          query.orWhere(term =>
            term.where(idColumn, id).whereIn(nameColumn, names),
          );
        }
      })
      .limit(limit);
  }

  /**
   * The columns of a node that column lineage was recorded for, each with how
   * many columns feed it and how many it feeds (one hop).
   */
  async recordedColumns(node: string): Promise<RecordedColumns> {
    const root = await this.resolve(node);
    const countBy = (side: 'from' | 'to') =>
      this.db('lineage_column_edges')
        .where(`${side}_id`, root.id)
        .groupBy(`${side}_column`)
        .select({ column: `${side}_column` })
        .count({ edges: '*' }) as Promise<
        { column: string; edges: number | string }[]
      >;
    const [fedBy, feeds] = await Promise.all([countBy('to'), countBy('from')]);
    const columns = new Map<string, RecordedColumn>();
    const entry = (column: string) => {
      if (!columns.has(column))
        columns.set(column, { column, upstream: 0, downstream: 0 });
      return columns.get(column)!;
    };
    for (const row of fedBy) entry(row.column).upstream = Number(row.edges);
    for (const row of feeds) entry(row.column).downstream = Number(row.edges);
    return {
      node: publicNodeId(root),
      columns: [...columns.values()].sort((a, b) =>
        a.column.localeCompare(b.column, 'en-US'),
      ),
    };
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
    const needle = query.toLocaleLowerCase('en-US').replace(/[%_\\]/g, '');
    const rows: NodeRow[] = await this.db('lineage_nodes')
      .where('search_text', 'like', `%${needle}%`)
      .orderByRaw('CASE WHEN entity_etag IS NULL THEN 1 ELSE 0 END')
      .orderBy('title')
      .limit(limit);
    const snapshot = await this.cache.get();
    return rows.map(row => toNode(row, snapshot, 0));
  }

  private async nodeRows(ids: number[]): Promise<NodeRow[]> {
    const rows: NodeRow[] = [];
    for (const batch of chunk(ids, BATCH)) {
      rows.push(...(await this.db('lineage_nodes').whereIn('id', batch)));
    }
    return rows;
  }
}

/** A column of a node, by the node's row id. */
export type ColumnAt = { id: number; column: string };

export type EdgeRowColumns = {
  from_id: number;
  from_column: string;
  to_id: number;
  to_column: string;
  via_id: number | null;
  transformations: string;
};
