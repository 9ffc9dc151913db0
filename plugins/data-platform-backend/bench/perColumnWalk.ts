/*
 * The column bench's baseline: the obvious column walk, which asks one query
 * per column it reaches (what the lineage index did before it asked one per
 * hop). It walks the same tables the index does, from the same start, stops
 * at the same number of edges a side, and does the rest of the answer's work
 * the same way (resolves the start node, reads the nodes the edges touch,
 * names them and parses the transformations).
 */
import { Knex } from 'knex';
import { publicNodeId } from '../src/services/LineageIndex/nodeIds';
import {
  nodeRowsByIds,
  resolveNode,
} from '../src/services/LineageIndex/nodeRows';
import type { ColumnEdgeRow } from '../src/services/LineageIndex/types';

type ColumnAt = { id: number; column: string };

export class PerColumnWalk {
  /** Edge queries asked so far. */
  queries = 0;

  constructor(private readonly db: Knex) {}

  /** How many column edges feed and are fed by `column` of `node`, to `depth` hops. */
  async edges(options: {
    node: string;
    column: string;
    depth: number;
    maxEdges: number;
  }): Promise<number> {
    const root = await resolveNode(this.db, options.node);
    const start = { id: root.id, column: options.column };
    const [down, up] = await Promise.all([
      this.side(start, 1, options.depth, options.maxEdges),
      this.side(start, -1, options.depth, options.maxEdges),
    ]);
    const edges = [...down, ...up];
    const nodeIds = new Set([root.id]);
    for (const e of edges) {
      nodeIds.add(e.from_id);
      nodeIds.add(e.to_id);
      if (e.via_id) nodeIds.add(e.via_id);
    }
    const rows = await nodeRowsByIds(this.db, [...nodeIds]);
    const ids = new Map(rows.map(r => [r.id, publicNodeId(r)]));
    const answer = edges.map(e => ({
      from: { node: ids.get(e.from_id)!, column: e.from_column },
      to: { node: ids.get(e.to_id)!, column: e.to_column },
      transformations: JSON.parse(e.transformations),
    }));
    return answer.length;
  }

  /** Edges leaving (sign 1) or entering (-1) the start, hop by hop, a query per column. */
  private async side(
    start: ColumnAt,
    sign: 1 | -1,
    depth: number,
    maxEdges: number,
  ): Promise<ColumnEdgeRow[]> {
    const found: ColumnEdgeRow[] = [];
    const seen = new Set([`${start.id}.${start.column}`]);
    let level = [start];
    // One edge more than room is left for tells that there are more.
    for (let hop = 1; hop <= depth && level.length > 0; hop++) {
      const next: ColumnAt[] = [];
      for (const at of level) {
        if (found.length > maxEdges) break;
        this.queries++;
        const rows: ColumnEdgeRow[] = await this.db('lineage_column_edges')
          .where(
            sign === 1
              ? { from_id: at.id, from_column: at.column }
              : { to_id: at.id, to_column: at.column },
          )
          .limit(maxEdges + 1 - found.length);
        for (const row of rows) {
          found.push(row);
          const other =
            sign === 1
              ? { id: row.to_id, column: row.to_column }
              : { id: row.from_id, column: row.from_column };
          const key = `${other.id}.${other.column}`;
          if (!seen.has(key)) {
            seen.add(key);
            next.push(other);
          }
        }
      }
      if (found.length > maxEdges) {
        found.length = maxEdges;
        break;
      }
      level = next;
    }
    return found;
  }
}
