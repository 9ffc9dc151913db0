import type {
  EndpointFreshness,
  PartitionState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { PartitionRecord, PartitionStore } from '../store/PartitionStore';
import { HealthPipeline, PipelineStore } from '../store/PipelineStore';
import { RunStore } from '../store/RunStore';

const iso = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/**
 * Freshness of a data endpoint from the pipelines writing it: the writers
 * come from the lineage index (declared outputs and observed writes), or
 * from the pipelines' declared outputs when the index does not know the
 * endpoint yet. Batch writers contribute their latest landed partition,
 * streaming writers the time of their last output.
 */
export class EndpointFreshnessQuery {
  private readonly pipelines: PipelineStore;
  private readonly partitions: PartitionStore;
  private readonly runs: RunStore;

  constructor(private readonly db: Knex) {
    this.pipelines = new PipelineStore(db);
    this.partitions = new PartitionStore(db);
    this.runs = new RunStore(db);
  }

  async get(endpointRef: string, now: number): Promise<EndpointFreshness> {
    const writers = await this.pipelines.getMany(
      await this.writerRefs(endpointRef),
    );
    const batch = writers
      .filter(w => w.schedule.type !== 'streaming')
      .map(w => w.entityRef);
    const streams = writers
      .filter(w => w.schedule.type === 'streaming')
      .map(w => w.entityRef);
    const [latest, landed, outputs] = await Promise.all([
      this.partitions.latestForPipelines(batch),
      this.partitions.latestForPipelines(batch, true),
      this.runs.lastOutputs(streams),
    ]);
    const latestOf = new Map(latest.map(p => [p.pipelineRef, p]));

    let latestLanded: PartitionRecord | undefined;
    for (const p of landed) {
      if (!latestLanded || p.start > latestLanded.start) latestLanded = p;
    }
    const streamOutputAt =
      outputs.size > 0 ? Math.max(...outputs.values()) : undefined;
    const rows = writers.map(w => writerState(w, latestOf.get(w.entityRef)));
    const states = rows.map(r => r.state);

    let state: EndpointFreshness['state'] = 'unknown';
    if (states.includes('failed')) state = 'failed';
    else if (states.includes('late')) state = 'late';
    else if (latestLanded || streamOutputAt !== undefined) state = 'fresh';
    const landedAt = Math.max(
      latestLanded?.facts.landedAt ?? 0,
      streamOutputAt ?? 0,
    );

    return {
      endpointRef,
      ...(latestLanded ? { latestPartition: iso(latestLanded.start) } : {}),
      ...(landedAt > 0 ? { landedAt: iso(landedAt) } : {}),
      ...(streamOutputAt !== undefined
        ? { stalenessMs: now - streamOutputAt }
        : {}),
      state,
      writers: rows,
    };
  }

  private async writerRefs(endpointRef: string): Promise<string[]> {
    const fromLineage: { ref: string }[] = await this.db('lineage_nodes as e')
      .join('lineage_edges as w', 'w.to_id', 'e.id')
      .join('lineage_nodes as p', 'p.id', 'w.from_id')
      .where('e.entity_ref', endpointRef)
      .andWhere('p.kind', 'Pipeline')
      .whereNotNull('p.entity_ref')
      .distinct({ ref: 'p.entity_ref' });
    if (fromLineage.length > 0) return fromLineage.map(r => r.ref);
    // LIKE narrows down; `_` in names matches any character, so check exactly.
    const declared = await this.db('health_pipelines')
      .select('entity_ref', 'outputs')
      .where('outputs', 'like', `%${JSON.stringify(endpointRef)}%`);
    return declared
      .filter(r => (JSON.parse(r.outputs) as string[]).includes(endpointRef))
      .map(r => r.entity_ref);
  }
}

function writerState(
  writer: HealthPipeline,
  latest: PartitionRecord | undefined,
): EndpointFreshness['writers'][number] {
  const { status } = writer;
  if (status.problem) {
    return {
      pipelineRef: writer.entityRef,
      state: status.state as PartitionState,
      ...(status.partition !== undefined && writer.schedule.type !== 'streaming'
        ? { partition: iso(status.partition) }
        : {}),
    };
  }
  if (writer.schedule.type === 'streaming') {
    return { pipelineRef: writer.entityRef, state: 'running' };
  }
  return {
    pipelineRef: writer.entityRef,
    state: latest?.state ?? 'pending',
    ...(latest ? { partition: iso(latest.start) } : {}),
  };
}
