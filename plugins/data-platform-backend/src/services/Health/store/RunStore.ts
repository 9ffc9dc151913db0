import type { RunState } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';
import {
  deleteByArrays,
  isPostgres,
  updateFromArrays,
} from '../../../database/pgArrays';
import { groupBy } from '../../../collections/groupBy';
import type { RunRecord } from '../runs/foldRunEvents';
import { incomingWhen, keepFirst, largerOf, smallerOf } from './sqlExpressions';

const TABLE = 'health_runs';
// Rows per INSERT: knex writes multi-row inserts for SQLite as a compound
// SELECT, which SQLite caps at 500 terms (a batch of 1,000 events holds
// more runs than that).
const BATCH = 500;

/** A stored run row. */
export type RunRow = {
  run_id: string;
  job_namespace: string;
  job_name: string;
  pipeline_ref: string | null;
  partition_start: number | null;
  nominal_start: number | null;
  nominal_end: number | null;
  parent_run_id: string | null;
  state: RunState;
  started_at: number | null;
  first_event_at: number;
  last_event_at: number;
  ended_at: number | null;
  failure_reason: string | null;
  last_output_at: number | null;
  version: number;
};

/** A run in the queue of changes, with the count of its changes queued. */
export type ChangedRun = RunRow & { change: number };

const CHANGES = 'health_run_changes';

const NUMERIC: (keyof RunRow)[] = [
  'partition_start',
  'nominal_start',
  'nominal_end',
  'started_at',
  'first_event_at',
  'last_event_at',
  'ended_at',
  'last_output_at',
  'version',
];

/** PostgreSQL returns bigint columns as strings. */
export function toRunRow(raw: Record<string, unknown>): RunRow {
  const row = { ...raw } as Record<string, unknown>;
  for (const key of NUMERIC) {
    if (row[key] !== null && row[key] !== undefined)
      row[key] = Number(row[key]);
  }
  return row as RunRow;
}

const TERMINAL_SQL = `('COMPLETE','FAIL','ABORT')`;
const rank = (table: string) =>
  `CASE ${table}.state WHEN 'FAIL' THEN 3 WHEN 'ABORT' THEN 2 WHEN 'COMPLETE' THEN 1 ELSE 0 END`;
/** The incoming terminal event replaces the stored state (see mergeRunRecords). */
const INCOMING_TERMINAL_WINS = [
  `excluded.state IN ${TERMINAL_SQL} AND (`,
  `${TABLE}.state NOT IN ${TERMINAL_SQL}`,
  ` OR excluded.ended_at > ${TABLE}.ended_at`,
  ` OR (excluded.ended_at = ${TABLE}.ended_at AND ${rank('excluded')} > ${rank(
    TABLE,
  )}))`,
].join('');

/**
 * Runs folded from OpenLineage RunEvents. Writes are upserts whose merge is
 * done by the database against the row as committed, so two batches carrying
 * events of the same run, even concurrently, end in the same state: terminal
 * states never regress, times only widen.
 */
export class RunStore {
  constructor(private readonly db: Knex) {}

  /**
   * Merges run records (one per run) into the stored runs and marks them
   * dirty. A record may carry its pipeline and partition when the ingestion
   * could tell (a known job with a nominal time); otherwise the sweep sets
   * them.
   */
  async upsert(
    tx: Knex.Transaction | Knex,
    records: (RunRecord & { pipelineRef?: string; partitionStart?: number })[],
  ): Promise<void> {
    for (const batch of chunk(records, BATCH)) {
      await tx(TABLE)
        .insert(
          batch.map(r => ({
            run_id: r.runId,
            job_namespace: r.jobNamespace,
            job_name: r.jobName,
            pipeline_ref: r.pipelineRef ?? null,
            partition_start: r.partitionStart ?? null,
            nominal_start: r.nominalStart ?? null,
            nominal_end: r.nominalEnd ?? null,
            parent_run_id: r.parentRunId ?? null,
            state: r.state,
            started_at: r.startedAt ?? null,
            first_event_at: r.firstEventAt,
            last_event_at: r.lastEventAt,
            ended_at: r.endedAt ?? null,
            failure_reason: r.failureReason ?? null,
            last_output_at: r.lastOutputAt ?? null,
            version: 1,
          })),
        )
        .onConflict('run_id')
        .merge({
          state: incomingWhen(tx, TABLE, 'state', INCOMING_TERMINAL_WINS),
          ended_at: incomingWhen(tx, TABLE, 'ended_at', INCOMING_TERMINAL_WINS),
          failure_reason: incomingWhen(
            tx,
            TABLE,
            'failure_reason',
            INCOMING_TERMINAL_WINS,
          ),
          started_at: smallerOf(tx, TABLE, 'started_at'),
          first_event_at: smallerOf(tx, TABLE, 'first_event_at'),
          last_event_at: largerOf(tx, TABLE, 'last_event_at'),
          last_output_at: largerOf(tx, TABLE, 'last_output_at'),
          nominal_start: keepFirst(tx, TABLE, 'nominal_start'),
          nominal_end: keepFirst(tx, TABLE, 'nominal_end'),
          parent_run_id: keepFirst(tx, TABLE, 'parent_run_id'),
          // What the sweep attached stays unless this batch knows better.
          pipeline_ref: tx.raw(
            `COALESCE(excluded.pipeline_ref, ${TABLE}.pipeline_ref)`,
          ),
          partition_start: tx.raw(
            `COALESCE(excluded.partition_start, ${TABLE}.partition_start)`,
          ),
          version: tx.raw(`${TABLE}.version + 1`),
        });
      await tx(CHANGES)
        .insert(batch.map(r => ({ run_id: r.runId, version: 1 })))
        .onConflict('run_id')
        .merge({ version: tx.raw(`${CHANGES}.version + 1`) });
    }
  }

  /** Up to `limit` runs changed since the sweep last looked at them. */
  async dirty(limit: number): Promise<ChangedRun[]> {
    const rows = await this.db(`${CHANGES} as c`)
      .join(`${TABLE} as r`, 'r.run_id', 'c.run_id')
      .select('r.*', { change: 'c.version' })
      .limit(limit);
    return rows.map(row => ({ ...toRunRow(row), change: Number(row.change) }));
  }

  /**
   * Sets the pipeline and partition the sweep derived for runs, in batches:
   * an upsert of the rows as read that merges only those two columns, so a
   * concurrent ingestion's changes to the rest of the row stand.
   */
  async assign(
    runs: RunRow[],
    assignments: Map<
      string,
      { pipelineRef: string | null; partitionStart: number | null }
    >,
  ): Promise<void> {
    const rows = runs
      .filter(r => assignments.has(r.run_id))
      .map(({ change: _queued, ...r }: RunRow & { change?: number }) => {
        const { pipelineRef, partitionStart } = assignments.get(r.run_id)!;
        return {
          ...r,
          pipeline_ref: pipelineRef,
          partition_start: partitionStart,
        };
      });
    if (isPostgres(this.db)) {
      await updateFromArrays(
        this.db,
        TABLE,
        [
          ['run_id', 'text'],
          ['pipeline_ref', 'text'],
          ['partition_start', 'bigint'],
        ],
        rows,
        { key: ['run_id'], set: ['pipeline_ref', 'partition_start'] },
      );
      return;
    }
    for (const batch of chunk(rows, BATCH)) {
      await this.db(TABLE)
        .insert(batch)
        .onConflict('run_id')
        .merge(['pipeline_ref', 'partition_start']);
    }
  }

  /**
   * Takes runs off the queue of changes, those not changed again since the
   * sweep read them (at the change count it read).
   */
  async markSwept(
    rows: Pick<ChangedRun, 'run_id' | 'change'>[],
  ): Promise<void> {
    if (isPostgres(this.db)) {
      await deleteByArrays(
        this.db,
        CHANGES,
        [
          ['run_id', 'text'],
          ['version', 'integer'],
        ],
        rows.map(r => ({ run_id: r.run_id, version: r.change })),
      );
      return;
    }
    const byChange = groupBy(
      rows,
      row => row.change,
      row => row.run_id,
    );
    for (const [version, ids] of byChange) {
      for (const batch of chunk(ids, BATCH)) {
        await this.db(CHANGES)
          .whereIn('run_id', batch)
          .andWhere('version', version)
          .delete();
      }
    }
  }

  /** Queues the runs of OpenLineage jobs again (their pipeline changed). */
  async markJobsDirty(
    jobs: { namespace: string; name: string }[],
  ): Promise<void> {
    for (const batch of chunk(jobs, BATCH)) {
      const runs: { run_id: string }[] = await this.db(TABLE)
        .select('run_id')
        .whereIn(
          ['job_namespace', 'job_name'],
          batch.map(j => [j.namespace, j.name]),
        );
      for (const ids of chunk(runs, BATCH)) {
        await this.db(CHANGES)
          .insert(ids.map(({ run_id }) => ({ run_id, version: 1 })))
          .onConflict('run_id')
          .merge({ version: this.db.raw(`${CHANGES}.version + 1`) });
      }
    }
  }

  /** Every run of the given partitions. */
  async forPartitions(
    keys: { pipelineRef: string; partitionStart: number }[],
  ): Promise<RunRow[]> {
    const rows: RunRow[] = [];
    // Grouped by start (one per schedule boundary in a sweep), then pipelines.
    const byStart = groupBy(
      keys,
      k => k.partitionStart,
      k => k.pipelineRef,
    );
    for (const [start, refs] of byStart) {
      for (const batch of chunk(refs, BATCH)) {
        const found = await this.db(TABLE)
          .where('partition_start', start)
          .whereIn('pipeline_ref', batch);
        rows.push(...found.map(toRunRow));
      }
    }
    return rows;
  }

  /** Runs of one pipeline for partitions from `since`, newest first. */
  async forPipeline(
    pipelineRef: string,
    since: number,
    limit: number,
  ): Promise<RunRow[]> {
    const rows = await this.db(TABLE)
      .where('pipeline_ref', pipelineRef)
      .andWhere(q =>
        q
          .where('partition_start', '>=', since)
          .orWhere(q2 =>
            q2
              .whereNull('partition_start')
              .andWhere('first_event_at', '>=', since),
          ),
      )
      .orderBy('first_event_at', 'desc')
      .limit(limit);
    return rows.map(toRunRow);
  }

  /** Recent runs of streaming pipelines (their freshness and failures). */
  async recentForPipelines(refs: string[], since: number): Promise<RunRow[]> {
    const rows: RunRow[] = [];
    for (const batch of chunk(refs, BATCH)) {
      const found = await this.db(TABLE)
        .whereIn('pipeline_ref', batch)
        .andWhere('last_event_at', '>=', since);
      rows.push(...found.map(toRunRow));
    }
    return rows;
  }

  /** When each pipeline last reported output (streaming freshness). */
  async lastOutputs(refs: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const batch of chunk(refs, BATCH)) {
      const rows: { pipeline_ref: string; at: unknown }[] = await this.db(TABLE)
        .select('pipeline_ref')
        .max({ at: 'last_output_at' })
        .whereIn('pipeline_ref', batch)
        .whereNotNull('last_output_at')
        .groupBy('pipeline_ref');
      for (const row of rows) found.set(row.pipeline_ref, Number(row.at));
    }
    return found;
  }

  /** Forgets every run (an OpenLineage rebuild replays them). */
  async reset(tx: Knex.Transaction): Promise<void> {
    await tx(TABLE).delete();
  }
}
