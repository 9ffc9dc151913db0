import type {
  EndpointFreshness,
  PartitionState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { PartitionStore } from '../store/PartitionStore';
import { HealthPipeline, PipelineStore } from '../store/PipelineStore';

const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());

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

  constructor(private readonly db: Knex) {
    this.pipelines = new PipelineStore(db);
    this.partitions = new PartitionStore(db);
  }

  async get(endpointRef: string, now: number): Promise<EndpointFreshness> {
    const writers = await this.pipelines.getMany(await this.writerRefs(endpointRef));
    const latest = new Map(
      (await this.partitions.latestForPipelines(
        writers.filter(w => w.schedule.type !== 'streaming').map(w => w.entityRef),
      )).map(p => [p.pipelineRef, p]),
    );

    let latestPartition: number | undefined;
    let landedAt: number | undefined;
    let streamOutputAt: number | undefined;
    const states: PartitionState[] = [];
    const rows = writers.map(w => {
      const streaming = w.schedule.type === 'streaming';
      const { status } = w;
      if (streaming && status.landedAt !== undefined) {
        streamOutputAt = Math.max(streamOutputAt ?? 0, status.landedAt);
      }
      if (!streaming && status.landedPartition !== undefined &&
        (latestPartition === undefined || status.landedPartition > latestPartition)) {
        latestPartition = status.landedPartition;
        landedAt = status.landedAt;
      }
      const row = writerState(w, latest.get(w.entityRef)?.state, latest.get(w.entityRef)?.start);
      states.push(row.state);
      return row;
    });

    let state: EndpointFreshness['state'] = 'unknown';
    if (states.includes('failed')) state = 'failed';
    else if (states.includes('late')) state = 'late';
    else if (latestPartition !== undefined || streamOutputAt !== undefined) state = 'fresh';

    return {
      endpointRef,
      ...(latestPartition !== undefined ? { latestPartition: iso(latestPartition) } : {}),
      ...(landedAt !== undefined || streamOutputAt !== undefined
        ? { landedAt: iso(Math.max(landedAt ?? 0, streamOutputAt ?? 0)) }
        : {}),
      ...(streamOutputAt !== undefined ? { stalenessMs: now - streamOutputAt } : {}),
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
  latestState: PartitionState | undefined,
  latestStart: number | undefined,
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
    state: latestState ?? 'pending',
    ...(latestStart !== undefined ? { partition: iso(latestStart) } : {}),
  };
}
