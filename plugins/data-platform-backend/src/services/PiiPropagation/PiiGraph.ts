import type { ColumnTransformation } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import type { DatasetLink, PropagationEdge } from './propagatePii';

const BATCH = 500;
/** Nodes that carry a dataset's data to another: a link runs through them. */
const JOB_KINDS = ['Pipeline', 'Job'];

type EdgeRow = {
  from_id: number;
  from_column: string;
  to_id: number;
  to_column: string;
  via_id: number | null;
  transformations: string;
};

/** Whether a column edge's transformations mask the data it carries. */
export function masks(transformations: ColumnTransformation[]): boolean {
  return transformations.some(t => t.masking === true);
}

function toEdge(row: EdgeRow): PropagationEdge {
  return {
    from: Number(row.from_id),
    fromColumn: row.from_column,
    to: Number(row.to_id),
    toColumn: row.to_column,
    ...(row.via_id !== null ? { via: Number(row.via_id) } : {}),
    masking: masks(JSON.parse(row.transformations)),
  };
}

/**
 * Reads the lineage index as PII propagation needs it: column edges, and
 * dataset -> job -> dataset links (declared or observed), all of them or
 * those into a set of nodes; and the downstream closure of changed nodes.
 */
export class PiiGraph {
  constructor(private readonly db: Knex) {}

  /** Every column edge and dataset link. */
  async all(): Promise<{ edges: PropagationEdge[]; links: DatasetLink[] }> {
    const rows: EdgeRow[] = await this.db('lineage_column_edges').select(
      'from_id',
      'from_column',
      'to_id',
      'to_column',
      'via_id',
      'transformations',
    );
    return { edges: rows.map(toEdge), links: await this.linksInto() };
  }

  /** The column edges and dataset links that end in these nodes. */
  async into(
    nodes: number[],
  ): Promise<{ edges: PropagationEdge[]; links: DatasetLink[] }> {
    const edges: PropagationEdge[] = [];
    const links: DatasetLink[] = [];
    for (const batch of chunk(nodes, BATCH)) {
      const rows: EdgeRow[] = await this.db('lineage_column_edges')
        .select(
          'from_id',
          'from_column',
          'to_id',
          'to_column',
          'via_id',
          'transformations',
        )
        .whereIn('to_id', batch);
      edges.push(...rows.map(toEdge));
      links.push(...(await this.linksInto(batch)));
    }
    return { edges, links };
  }

  private async linksInto(nodes?: number[]): Promise<DatasetLink[]> {
    const query = this.db('lineage_edges as i')
      .join('lineage_nodes as j', 'j.id', 'i.to_id')
      .join('lineage_edges as o', 'o.from_id', 'i.to_id')
      .whereIn('j.kind', JOB_KINDS)
      .select({ from: 'i.from_id', via: 'i.to_id', to: 'o.to_id' });
    if (nodes) query.whereIn('o.to_id', nodes);
    const rows: { from: number; via: number; to: number }[] = await query;
    return rows.map(r => ({
      from: Number(r.from),
      via: Number(r.via),
      to: Number(r.to),
    }));
  }

  /**
   * These nodes and every node downstream of them, as far as what they
   * carry can change: along column edges transitively, and one dataset
   * link on from each (a "may contain" goes no further, so a dataset
   * reached only by a link is recomputed but not followed). A job or
   * pipeline among them stands for its outputs.
   */
  async downstreamOf(start: number[]): Promise<Set<number>> {
    const scope = new Set<number>(start);
    const followed = new Set<number>(start);
    const follow = (id: number, next: number[]) => {
      scope.add(id);
      if (!followed.has(id)) {
        followed.add(id);
        next.push(id);
      }
    };
    let level = [...followed];
    const jobs = new Set<number>();
    for (const batch of chunk(level, BATCH)) {
      const rows = await this.db('lineage_nodes')
        .select('id')
        .whereIn('id', batch)
        .whereIn('kind', JOB_KINDS);
      rows.forEach(r => jobs.add(Number(r.id)));
    }
    while (level.length > 0) {
      const next: number[] = [];
      for (const batch of chunk(level, BATCH)) {
        const columnRows = await this.db('lineage_column_edges')
          .distinct('to_id')
          .whereIn('from_id', batch);
        columnRows.forEach(r => follow(Number(r.to_id), next));
        const linkRows = await this.db('lineage_edges as i')
          .join('lineage_nodes as j', 'j.id', 'i.to_id')
          .join('lineage_edges as o', 'o.from_id', 'i.to_id')
          .whereIn('j.kind', JOB_KINDS)
          .whereIn('i.from_id', batch)
          .distinct({ to: 'o.to_id' });
        linkRows.forEach(r => scope.add(Number(r.to)));
        const jobBatch = batch.filter(id => jobs.has(id));
        if (jobBatch.length > 0) {
          const outputs = await this.db('lineage_edges')
            .distinct('to_id')
            .whereIn('from_id', jobBatch);
          outputs.forEach(r => follow(Number(r.to_id), next));
        }
      }
      jobs.clear();
      level = next;
    }
    return scope;
  }
}
