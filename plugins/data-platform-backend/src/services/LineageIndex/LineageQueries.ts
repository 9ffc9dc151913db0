import { NotFoundError } from '@backstage/errors';
import type {
  ColumnLineage,
  ColumnLineageEdge,
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineagePath,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import { nodeKind, parseOpenLineageNodeId, publicNodeId } from './nodeIds';
import type { NodeRow } from './types';
import {
  LineageAdjacency,
  LineageGraphCache,
  neighbours,
} from './LineageGraphCache';

const BATCH = 1000;

type EdgeRow = {
  from_id: number;
  to_id: number;
  declared_by: string | null;
  last_seen_at: string | number | null;
};

function toEdge(row: EdgeRow, ids: Map<number, string>): LineageEdge {
  const declared = row.declared_by !== null;
  const observed = row.last_seen_at !== null;
  let source: LineageEdge['source'] = 'declared';
  if (observed) source = declared ? 'both' : 'observed';
  return {
    from: ids.get(row.from_id)!,
    to: ids.get(row.to_id)!,
    source,
    ...(observed
      ? { lastSeenAt: new Date(Number(row.last_seen_at)).toISOString() }
      : {}),
  };
}

/**
 * Reads of the lineage index: neighbourhoods walked level by level (one
 * query per hop and direction, bounded by a node cap), shortest paths,
 * column lineage and search.
 */
export class LineageQueries {
  private readonly cache: LineageGraphCache;

  constructor(
    private readonly db: Knex,
    options: { minReloadIntervalMs?: number } = {},
  ) {
    this.cache = new LineageGraphCache(db, options.minReloadIntervalMs ?? 0);
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

  async graph(options: {
    node: string;
    direction: LineageDirection;
    depth: number;
    maxNodes: number;
  }): Promise<LineageGraph> {
    const [root, adjacency] = await Promise.all([
      this.resolve(options.node),
      this.cache.get(),
    ]);
    const depthOf = new Map<number, number>([[root.id, 0]]);
    const frontier = new Set<number>();
    const walk = (sign: 1 | -1) => {
      let level = [root.id];
      for (let hop = 1; hop <= options.depth && level.length > 0; hop++) {
        const next: number[] = [];
        for (const id of level) {
          for (const other of neighbours(adjacency, id, sign)) {
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
    const [rows, edgeRows] = await Promise.all([
      this.nodeRows(nodeIds),
      this.edgesAmong(nodeIds),
    ]);
    const ids = new Map(rows.map(r => [r.id, publicNodeId(r)]));
    return {
      root: ids.get(root.id)!,
      nodes: this.toNodes(rows, depthOf, adjacency),
      edges: edgeRows.map(e => toEdge(e, ids)),
      ...(frontier.size > 0
        ? {
            cutoff: {
              reason: 'maxNodes' as const,
              maxNodes: options.maxNodes,
              frontier: [...frontier].map(id => ids.get(id)!),
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
    const [from, to] = await Promise.all([
      this.resolve(options.from),
      this.resolve(options.to),
    ]);
    const adjacency = await this.cache.get();
    const parent = new Map<number, number>([[from.id, from.id]]);
    let level = [from.id];
    for (let hop = 0; hop < options.maxDepth && !parent.has(to.id); hop++) {
      const next: number[] = [];
      for (const id of level) {
        for (const other of neighbours(adjacency, id, 1)) {
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
    if (parent.has(to.id)) {
      for (let at = to.id; ; at = parent.get(at)!) {
        pathIds.unshift(at);
        if (at === from.id) break;
      }
    }
    const rows = await this.nodeRows(pathIds);
    const byId = new Map(rows.map(r => [r.id, r]));
    const ordered = pathIds.map(id => byId.get(id)!);
    const ids = new Map(ordered.map(r => [r.id, publicNodeId(r)]));
    const depthOf = new Map(pathIds.map((id, i) => [id, i]));
    const onPath = new Set(
      pathIds.slice(1).map((id, i) => `${pathIds[i]}>${id}`),
    );
    const edgeRows = (await this.edgesAmong(pathIds)).filter(e =>
      onPath.has(`${e.from_id}>${e.to_id}`),
    );
    return {
      from: publicNodeId(from),
      to: publicNodeId(to),
      path: ordered.map(r => ids.get(r.id)!),
      nodes: this.toNodes(ordered, depthOf, adjacency),
      edges: edgeRows.map(e => toEdge(e, ids)),
    };
  }

  /** Columns feeding, and fed by, one column of a node, transitively. */
  async columns(options: {
    node: string;
    column: string;
    depth: number;
  }): Promise<ColumnLineage> {
    const root = await this.resolve(options.node);
    const collect = async (sign: 1 | -1) => {
      const found: (EdgeRowColumns & { hop: number })[] = [];
      const seen = new Set<string>([`${root.id}.${options.column}`]);
      let level = [{ id: root.id, column: options.column }];
      for (let hop = 1; hop <= options.depth && level.length > 0; hop++) {
        const next: { id: number; column: string }[] = [];
        for (const at of level) {
          const rows: EdgeRowColumns[] = await this.db('lineage_column_edges')
            .where(
              sign === 1
                ? { from_id: at.id, from_column: at.column }
                : { to_id: at.id, to_column: at.column },
            )
            .limit(1000);
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
        }
        level = next;
      }
      return found;
    };
    const [down, up] = await Promise.all([collect(1), collect(-1)]);
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
    };
  }

  /** Nodes whose title or names contain the query, registered ones first. */
  async search(query: string, limit: number): Promise<LineageNode[]> {
    const needle = query.toLocaleLowerCase('en-US').replace(/[%_\\]/g, '');
    const rows: NodeRow[] = await this.db('lineage_nodes')
      .where('search_text', 'like', `%${needle}%`)
      .orderByRaw('CASE WHEN entity_etag IS NULL THEN 1 ELSE 0 END')
      .orderBy('title')
      .limit(limit);
    return this.toNodes(rows, new Map(), await this.cache.get());
  }

  /** Edges whose both ends are among `ids`. */
  private async edgesAmong(ids: number[]): Promise<EdgeRow[]> {
    if (ids.length <= 1) return [];
    const wanted = new Set(ids);
    const rows: EdgeRow[] = [];
    for (const batch of chunk(ids, BATCH)) {
      const found: EdgeRow[] = await this.db('lineage_edges')
        .select('from_id', 'to_id', 'declared_by', 'last_seen_at')
        .whereIn('from_id', batch);
      rows.push(...found.filter(e => wanted.has(e.to_id)));
    }
    return rows;
  }

  private async nodeRows(ids: number[]): Promise<NodeRow[]> {
    const rows: NodeRow[] = [];
    for (const batch of chunk(ids, BATCH)) {
      rows.push(...(await this.db('lineage_nodes').whereIn('id', batch)));
    }
    return rows;
  }

  private toNodes(
    rows: NodeRow[],
    depthOf: Map<number, number>,
    adjacency: LineageAdjacency,
  ): LineageNode[] {
    return rows.map(row => ({
      id: publicNodeId(row),
      kind: nodeKind(row),
      title: row.title,
      registered: row.entity_etag !== null,
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.ol_namespace && row.ol_name
        ? { openLineage: { namespace: row.ol_namespace, name: row.ol_name } }
        : {}),
      depth: depthOf.get(row.id) ?? 0,
      upstreamCount: neighbours(adjacency, row.id, -1).length,
      downstreamCount: neighbours(adjacency, row.id, 1).length,
    }));
  }
}

type EdgeRowColumns = {
  from_id: number;
  from_column: string;
  to_id: number;
  to_column: string;
  via_id: number | null;
  transformations: string;
};
