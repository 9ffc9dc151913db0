import groupBy from 'lodash/groupBy';
import type {
  ColumnLineage,
  ColumnLineageEdge,
  ColumnTransformation,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** A column of some node. */
export type ColumnAt = { node: string; column: string };

/** One edge into a listed column from the side of the focused column. */
export type ColumnLink = {
  /** The column one hop closer to the focused one (or the focused one). */
  next: ColumnAt;
  transformations: ColumnTransformation[];
  via?: string;
};

/** A column upstream or downstream of the focused one. */
export type ColumnImpactRow = {
  column: ColumnAt;
  /** Fewest hops from the focused column. */
  hop: number;
  /** Every edge joining it to a column one hop closer, or to the focused one. */
  links: ColumnLink[];
};

/** One side of a column's lineage, as listed. */
export type ColumnImpact = {
  rows: ColumnImpactRow[];
  /** Distinct nodes the rows are columns of. */
  nodes: number;
  /** Columns the full answer has on this side that `directOnly` left out. */
  hidden: number;
};

const key = (c: ColumnAt) => `${c.node}\u0000${c.column}`;
const isDirect = (edge: ColumnLineageEdge) =>
  edge.transformations.some(t => t.type === 'DIRECT');

/**
 * The columns on one side of a column's lineage, each once, at its fewest
 * hops, with every edge that joins it to the side of the focused column:
 * breadth first from the focused column over the answer's edges. With
 * `directOnly`, only edges with a DIRECT transformation are followed, so the
 * list is what the column's values flow into (or come from), not what it
 * merely filters, joins or groups.
 */
export function columnImpact(
  lineage: ColumnLineage,
  side: 'upstream' | 'downstream',
  options: { directOnly: boolean; titleOf(node: string): string },
): ColumnImpact {
  const edges = side === 'upstream' ? lineage.upstream : lineage.downstream;
  const near = (e: ColumnLineageEdge) => (side === 'upstream' ? e.to : e.from);
  const far = (e: ColumnLineageEdge) => (side === 'upstream' ? e.from : e.to);
  const walk = (follow: (e: ColumnLineageEdge) => boolean) => {
    const byNear = groupBy(edges.filter(follow), edge => key(near(edge)));
    const focused = { node: lineage.node, column: lineage.column };
    const rows = new Map<string, ColumnImpactRow>();
    let level = [focused];
    for (let hop = 1; level.length > 0; hop++) {
      const next: ColumnAt[] = [];
      for (const at of level) {
        for (const edge of byNear[key(at)] ?? []) {
          const column = far(edge);
          const k = key(column);
          if (k === key(focused)) continue;
          let row = rows.get(k);
          if (!row) {
            row = { column, hop, links: [] };
            rows.set(k, row);
            next.push(column);
          }
          // Links from the column's own level or one closer only.
          if (row.hop === hop) {
            row.links.push({
              next: near(edge),
              transformations: edge.transformations,
              ...(edge.via ? { via: edge.via } : {}),
            });
          }
        }
      }
      level = next;
    }
    return rows;
  };

  const shown = walk(e => !options.directOnly || isDirect(e));
  const all = options.directOnly ? walk(() => true) : shown;
  const { titleOf } = options;
  const rows = [...shown.values()].sort(
    (a, b) =>
      a.hop - b.hop ||
      titleOf(a.column.node).localeCompare(titleOf(b.column.node)) ||
      a.column.column.localeCompare(b.column.column),
  );
  return {
    rows,
    nodes: new Set(rows.map(r => r.column.node)).size,
    hidden: all.size - shown.size,
  };
}
