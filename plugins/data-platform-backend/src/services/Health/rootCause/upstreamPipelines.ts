import { Knex } from 'knex';
import { selectIn } from '../../../database/pgArrays';
import { groupBy } from '../../../collections/groupBy';
import { lineageVersion } from './lineageVersion';

/**
 * The producers of each pipeline's inputs, from the lineage index: pipeline
 * <- endpoint <- pipeline, over declared and observed edges alike. Only
 * catalog pipelines (they have health) are returned. Hop by hop with
 * indexed lookups rather than one four-way join, whose plan depends on
 * table statistics a freshly loaded index may not have yet.
 */
export async function upstreamPipelines(
  db: Knex,
  pipelineRefs: string[],
): Promise<Map<string, string[]>> {
  if (pipelineRefs.length === 0) return new Map();
  const targets = await selectIn<{ id: number; entity_ref: string }>(
    db,
    () => db('lineage_nodes').select('id', 'entity_ref'),
    'entity_ref',
    'text',
    pipelineRefs,
  );
  const edgesInto = (ids: number[]) =>
    selectIn<{ from_id: number; to_id: number }>(
      db,
      () => db('lineage_edges').select('from_id', 'to_id'),
      'to_id',
      'integer',
      ids.map(Number),
    );
  const reads = await edgesInto(targets.map(t => t.id));
  const writes = await edgesInto(reads.map(r => r.from_id));
  const producers = await selectIn<{ id: number; entity_ref: string }>(
    db,
    () =>
      db('lineage_nodes')
        .select('id', 'entity_ref')
        .where('kind', 'Pipeline')
        .whereNotNull('entity_ref'),
    'id',
    'integer',
    writes.map(w => Number(w.from_id)),
  );

  const refOf = new Map(producers.map(p => [Number(p.id), p.entity_ref]));
  const writersOf = groupBy(
    writes.filter(w => refOf.has(Number(w.from_id))),
    w => Number(w.to_id),
    w => refOf.get(Number(w.from_id))!,
  );
  const targetRef = new Map(targets.map(t => [Number(t.id), t.entity_ref]));
  const producerOf = reads.flatMap(read => {
    const downstream = targetRef.get(Number(read.to_id))!;
    return (writersOf.get(Number(read.from_id)) ?? [])
      .filter(ref => ref !== downstream)
      .map(ref => ({ downstream, ref }));
  });
  const upstream = groupBy(
    producerOf,
    p => p.downstream,
    p => p.ref,
  );
  // A producer reached through several inputs is named once.
  for (const [downstream, refs] of upstream) {
    upstream.set(downstream, [...new Set(refs)]);
  }
  return upstream;
}

/**
 * Producers per pipeline, kept while the lineage graph's shape stays the
 * same: a sweep asks about the same problem pipelines minute after minute,
 * while lineage changes rarely. A producer added to the index shows up in
 * root causes at the next sweep.
 */
export class UpstreamCache {
  private readonly known = new Map<string, string[]>();
  private version?: string;

  constructor(private readonly db: Knex) {}

  async get(pipelineRefs: string[]): Promise<Map<string, string[]>> {
    const version = await lineageVersion(this.db);
    if (version !== this.version) {
      this.known.clear();
      this.version = version;
    }
    const missing = pipelineRefs.filter(ref => !this.known.has(ref));
    if (missing.length > 0) {
      const fetched = await upstreamPipelines(this.db, missing);
      for (const ref of missing) this.known.set(ref, fetched.get(ref) ?? []);
    }
    return new Map(pipelineRefs.map(ref => [ref, this.known.get(ref)!]));
  }
}
