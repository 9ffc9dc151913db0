import type {
  ColumnLineage,
  ColumnLineageEdge,
  RecordedColumn,
  RecordedColumns,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import { groupBy } from '../../collections/groupBy';
import { nodeKind, publicNodeId } from './nodeIds';
import { nodeRowsByIds, resolveNode } from './nodeRows';
import type { ColumnEdgeRow, NodeRow } from './types';

/** Column edges per direction that `columns` returns unless told. */
export const COLUMN_EDGES_DEFAULT = 2000;
// Columns a query of the column walk asks about: two bindings each at most.
const COLUMN_BATCH = 400;

/** What a column walk starts from, and how far it goes. */
export type ColumnWalk = {
  node: string;
  column: string;
  depth: number;
  /** Column edges per direction at most; the walk stops there. */
  maxEdges?: number;
};

/**
 * Reads of column lineage. They walk the database, not the in-memory
 * snapshot that node lineage is walked in: column edges outnumber node edges
 * many times over.
 */
export class ColumnLineageQueries {
  constructor(private readonly db: Knex) {}

  /** Columns feeding, and fed by, one column of a node, transitively. */
  async columns(options: ColumnWalk): Promise<ColumnLineage> {
    const root = await resolveNode(this.db, options.node);
    const maxEdges = options.maxEdges ?? COLUMN_EDGES_DEFAULT;
    const collect = async (sign: 1 | -1) => {
      const found: (ColumnEdgeRow & { hop: number })[] = [];
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
    const rows = await nodeRowsByIds(this.db, [...nodeIds]);
    const ids = new Map(rows.map(r => [r.id, publicNodeId(r)]));
    const toColumnEdge = (r: ColumnEdgeRow): ColumnLineageEdge => ({
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
   * indexed term of one OR.
   */
  private async columnEdgesAt(
    columns: ColumnAt[],
    sign: 1 | -1,
    limit: number,
  ): Promise<ColumnEdgeRow[]> {
    const [idColumn, nameColumn] =
      sign === 1 ? ['from_id', 'from_column'] : ['to_id', 'to_column'];
    const byNode = groupBy(
      columns,
      c => c.id,
      c => c.column,
    );
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
  async recordedColumns(node: string | NodeRow): Promise<RecordedColumns> {
    const root =
      typeof node === 'string' ? await resolveNode(this.db, node) : node;
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
}

/** A column of a node, by the node's row id. */
type ColumnAt = { id: number; column: string };
