import { Knex } from 'knex';
import {
  OpenLineageEventHandler,
  preparedFor,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { partitionOfRun } from '../partitions/runPartition';
import { HealthPipeline, PipelineStore } from '../store/PipelineStore';
import { RunStore } from '../store/RunStore';
import { mergeRunRecords, recordOfEvent, RunRecord } from './foldRunEvents';

/**
 * Records runs from accepted OpenLineage RunEvents, inside the transaction
 * that stores the events: a run is committed together with its event, and
 * the sender's acknowledgement follows the commit. Events of one run within
 * a batch are folded first, then merged with the stored run by the database
 * (see RunStore). A run of a known pipeline with a nominal time gets its
 * pipeline and partition here; the others are settled by the sweep, which
 * also knows pipelines registered after their first events.
 */
export class RunRecorder implements OpenLineageEventHandler {
  readonly name = 'pipeline-health-runs';
  private readonly runs: RunStore;

  constructor(db: Knex) {
    this.runs = new RunStore(db);
  }

  /** Pipeline and partition for runs whose nominal time says it. */
  private async attach(records: RunRecord[], tx: Knex.Transaction) {
    const withNominal = records.filter(r => r.nominalStart !== undefined);
    if (withNominal.length === 0)
      return new Map<
        string,
        { pipelineRef: string; partitionStart?: number }
      >();
    const jobs = new Map(
      withNominal.map(r => [
        `${r.jobNamespace}\u0000${r.jobName}`,
        { namespace: r.jobNamespace, name: r.jobName },
      ]),
    );
    const pipelines = await new PipelineStore(tx).byJobs([...jobs.values()]);
    const byJob = new Map<string, HealthPipeline>(
      pipelines.map(p => [
        `${p.openLineage!.namespace}\u0000${p.openLineage!.name}`,
        p,
      ]),
    );
    const attached = new Map<
      string,
      { pipelineRef: string; partitionStart?: number }
    >();
    for (const r of withNominal) {
      const pipeline = byJob.get(`${r.jobNamespace}\u0000${r.jobName}`);
      if (!pipeline) continue;
      try {
        const period = partitionOfRun(pipeline, r);
        attached.set(r.runId, {
          pipelineRef: pipeline.entityRef,
          partitionStart: period?.start,
        });
      } catch {
        // An unreadable schedule: left to the sweep.
      }
    }
    return attached;
  }

  /** A RunEvent's run record, taken while the event is parsed. */
  prepare(e: ValidatedEvent): RunRecord | undefined {
    return e.kind === 'RunEvent'
      ? recordOfEvent(e.event, e.eventTime)
      : undefined;
  }

  async handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void> {
    const byRun = new Map<string, RunRecord>();
    for (const validated of events) {
      if (validated.kind !== 'RunEvent') continue;
      const record = preparedFor(validated, this)!;
      const current = byRun.get(record.runId);
      byRun.set(
        record.runId,
        current ? mergeRunRecords(current, record) : record,
      );
    }
    // Sorted, so that concurrent batches lock shared runs in the same order.
    const records = [...byRun.values()].sort((a, b) =>
      a.runId.localeCompare(b.runId, 'en-US'),
    );
    if (records.length === 0) return;
    const attached = await this.attach(records, tx);
    await this.runs.upsert(
      tx,
      records.map(r => ({ ...r, ...attached.get(r.runId) })),
    );
  }

  async reset(tx: Knex.Transaction): Promise<void> {
    await this.runs.reset(tx);
  }
}
