import { Knex } from 'knex';
import type {
  OpenLineageEventHandler,
  ValidatedEvent,
} from '../../OpenLineage/types';
import { RunStore } from '../store/RunStore';
import { mergeRunRecords, recordOfEvent, RunRecord } from './foldRunEvents';

/**
 * Records runs from accepted OpenLineage RunEvents, inside the transaction
 * that stores the events: a run is committed together with its event, and
 * the sender's acknowledgement follows the commit. Events of one run within
 * a batch are folded first, then merged with the stored run by the database
 * (see RunStore). Which pipeline and partition a run is for is settled by the
 * sweep, which also knows pipelines registered after their first events.
 */
export class RunRecorder implements OpenLineageEventHandler {
  readonly name = 'pipeline-health-runs';
  private readonly runs: RunStore;

  constructor(db: Knex) {
    this.runs = new RunStore(db);
  }

  async handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void> {
    const byRun = new Map<string, RunRecord>();
    for (const validated of events) {
      if (validated.kind !== 'RunEvent') continue;
      const record = recordOfEvent(validated.event, validated.eventTime);
      const current = byRun.get(record.runId);
      byRun.set(
        record.runId,
        current ? mergeRunRecords(current, record) : record,
      );
    }
    // Sorted, so that concurrent batches lock shared runs in the same order.
    const records = [...byRun.values()].sort((a, b) =>
      a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0,
    );
    if (records.length > 0) await this.runs.upsert(tx, records);
  }

  async reset(tx: Knex.Transaction): Promise<void> {
    await this.runs.reset(tx);
  }
}
