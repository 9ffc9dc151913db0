import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';

/**
 * The producers of each pipeline's inputs, from the lineage index: pipeline
 * <- endpoint <- pipeline, over declared and observed edges alike. Only
 * catalog pipelines (they have health) are returned.
 */
export async function upstreamPipelines(
  db: Knex,
  pipelineRefs: string[],
): Promise<Map<string, string[]>> {
  const upstream = new Map<string, string[]>();
  for (const batch of chunk(pipelineRefs, 500)) {
    const rows: { downstream: string; upstream: string }[] = await db(
      'lineage_nodes as p',
    )
      .join('lineage_edges as reads', 'reads.to_id', 'p.id')
      .join('lineage_edges as writes', 'writes.to_id', 'reads.from_id')
      .join('lineage_nodes as u', 'u.id', 'writes.from_id')
      .whereIn('p.entity_ref', batch)
      .andWhere('u.kind', 'Pipeline')
      .whereNotNull('u.entity_ref')
      .whereRaw('u.id <> p.id')
      .distinct({ downstream: 'p.entity_ref', upstream: 'u.entity_ref' });
    for (const row of rows) {
      const list = upstream.get(row.downstream) ?? [];
      list.push(row.upstream);
      upstream.set(row.downstream, list);
    }
  }
  return upstream;
}
