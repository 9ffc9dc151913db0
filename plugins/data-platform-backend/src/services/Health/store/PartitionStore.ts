import type {
  PartitionState,
  RunState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';
import {
  ArrayColumn,
  isPostgres,
  selectByArrays,
  upsertFromArrays,
} from '../../../database/pgArrays';
import { groupBy } from '../../../collections/groupBy';
import { OPEN_STATES, PartitionFacts } from '../partitions/judgePartition';

const TABLE = 'health_partitions';
const BATCH = 2000;
const KEY = ['pipeline_ref', 'partition_start'];
/** The table's columns, as PostgreSQL's bulk writes send them. */
const COLUMNS: ArrayColumn[] = [
  ['pipeline_ref', 'text'],
  ['partition_start', 'bigint'],
  ['period_end', 'bigint'],
  ['deadline', 'bigint'],
  ['state', 'text'],
  ['state_since', 'bigint'],
  ['attempts', 'integer'],
  ['latest_run_id', 'text'],
  ['latest_run_state', 'text'],
  ['failure_reason', 'text'],
  ['landed_at', 'bigint'],
  ['landing_run_started_at', 'bigint'],
  ['root_cause', 'text'],
  ['updated_at', 'bigint'],
];

/** One stored partition of one pipeline. */
export type PartitionRecord = {
  pipelineRef: string;
  start: number;
  end: number;
  deadline: number;
  state: PartitionState;
  stateSince: number;
  facts: PartitionFacts;
  /** JSON of a RootCause. */
  rootCause?: string;
};

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);

function toPartitionRecord(row: Record<string, any>): PartitionRecord {
  return {
    pipelineRef: row.pipeline_ref,
    start: Number(row.partition_start),
    end: Number(row.period_end),
    deadline: Number(row.deadline),
    state: row.state,
    stateSince: Number(row.state_since),
    facts: {
      attempts: Number(row.attempts),
      latestRunId: row.latest_run_id ?? undefined,
      latestRunState: (row.latest_run_state ?? undefined) as
        | RunState
        | undefined,
      failureReason: row.failure_reason ?? undefined,
      landedAt: num(row.landed_at),
      landingRunStartedAt: num(row.landing_run_started_at),
    },
    rootCause: row.root_cause ?? undefined,
  };
}

function toRow(p: PartitionRecord, now: number) {
  return {
    pipeline_ref: p.pipelineRef,
    partition_start: p.start,
    period_end: p.end,
    deadline: p.deadline,
    state: p.state,
    state_since: p.stateSince,
    attempts: p.facts.attempts,
    latest_run_id: p.facts.latestRunId ?? null,
    latest_run_state: p.facts.latestRunState ?? null,
    failure_reason: p.facts.failureReason ?? null,
    landed_at: p.facts.landedAt ?? null,
    landing_run_started_at: p.facts.landingRunStartedAt ?? null,
    root_cause: p.rootCause ?? null,
    updated_at: now,
  };
}

/** Partitions with their deadlines and states; written by the sweep only. */
export class PartitionStore {
  constructor(private readonly db: Knex) {}

  /** Writes partitions (new ones and changed ones). */
  async upsert(partitions: PartitionRecord[], now: number): Promise<void> {
    await this.write(partitions, now, 'merge');
  }

  /** Adds partitions that do not exist yet; existing ones are left alone. */
  async insertMissing(
    partitions: PartitionRecord[],
    now: number,
  ): Promise<void> {
    await this.write(partitions, now, 'ignore');
  }

  private async write(
    partitions: PartitionRecord[],
    now: number,
    onConflict: 'merge' | 'ignore',
  ): Promise<void> {
    const rows = partitions.map(p => toRow(p, now));
    if (isPostgres(this.db)) {
      await upsertFromArrays(this.db, TABLE, COLUMNS, rows, {
        conflict: KEY,
        ...(onConflict === 'merge'
          ? { merge: COLUMNS.slice(2).map(([column]) => column) }
          : {}),
      });
      return;
    }
    for (const batch of chunk(rows, BATCH)) {
      const insert = this.db(TABLE).insert(batch).onConflict(KEY);
      await (onConflict === 'merge' ? insert.merge() : insert.ignore());
    }
  }

  /** Partitions a later run or the passing of a deadline can still change. */
  async open(since: number): Promise<PartitionRecord[]> {
    const rows = await this.db(TABLE)
      .whereIn('state', OPEN_STATES)
      .andWhere('period_end', '>=', since);
    return rows.map(toPartitionRecord);
  }

  /** Which of these (pipeline, start) pairs are stored. */
  async existing(
    keys: { pipelineRef: string; start: number }[],
  ): Promise<Set<string>> {
    const rows = await this.rowsOf(keys, ['pipeline_ref', 'partition_start']);
    return new Set(
      rows.map(row =>
        partitionKey(row.pipeline_ref, Number(row.partition_start)),
      ),
    );
  }

  /** Stored partitions by key. */
  async get(
    keys: { pipelineRef: string; start: number }[],
  ): Promise<Map<string, PartitionRecord>> {
    const records = (await this.rowsOf(keys, ['*'])).map(toPartitionRecord);
    return new Map(
      records.map(record => [
        partitionKey(record.pipelineRef, record.start),
        record,
      ]),
    );
  }

  /**
   * The stored rows of these (pipeline, start) pairs: a query per start (one
   * per schedule boundary in a sweep) and batch of pipelines.
   */
  private async rowsOf(
    keys: { pipelineRef: string; start: number }[],
    columns: string[],
  ): Promise<any[]> {
    if (isPostgres(this.db)) {
      return selectByArrays(
        this.db,
        TABLE,
        COLUMNS.slice(0, 2),
        keys.map(k => ({
          pipeline_ref: k.pipelineRef,
          partition_start: k.start,
        })),
        columns,
      );
    }
    const rows: any[] = [];
    const byStart = groupBy(
      keys,
      k => k.start,
      k => k.pipelineRef,
    );
    for (const [start, refs] of byStart) {
      for (const batch of chunk(refs, 1000)) {
        rows.push(
          ...(await this.db(TABLE)
            .select(columns)
            .where('partition_start', start)
            .whereIn('pipeline_ref', batch)),
        );
      }
    }
    return rows;
  }

  /**
   * The newest stored partition's start of every pipeline health judges,
   * -Infinity for one with none: an index lookup a pipeline (in
   * `health_pipelines`), however long the partitions' history grows.
   */
  async newestByPipeline(): Promise<Map<string, number>> {
    const newest = this.db(TABLE)
      .max('partition_start')
      .where('pipeline_ref', this.db.ref('p.entity_ref'))
      .as('start');
    const rows: { pipeline_ref: string; start: string | number | null }[] =
      await this.db('health_pipelines as p').select(
        'p.entity_ref as pipeline_ref',
        newest,
      );
    return new Map(
      rows.map(row => [
        row.pipeline_ref,
        row.start === null ? -Infinity : Number(row.start),
      ]),
    );
  }

  /** A pipeline's partitions from `since`, oldest first. */
  async forPipeline(
    pipelineRef: string,
    since: number,
  ): Promise<PartitionRecord[]> {
    const rows = await this.db(TABLE)
      .where('pipeline_ref', pipelineRef)
      .andWhere('partition_start', '>=', since)
      .orderBy('partition_start');
    return rows.map(toPartitionRecord);
  }

  /**
   * The latest partition of each pipeline, of those given; with `landedOnly`
   * the latest one that landed (on time, late or backfilled).
   */
  async latestForPipelines(
    refs: string[],
    landedOnly = false,
  ): Promise<PartitionRecord[]> {
    const found: PartitionRecord[] = [];
    for (const batch of chunk(refs, 1000)) {
      const latest = this.db(TABLE)
        .select('pipeline_ref')
        .max({ start: 'partition_start' })
        .whereIn('pipeline_ref', batch)
        .modify(q => {
          if (landedOnly)
            q.whereIn('state', ['landed_on_time', 'landed_late', 'backfilled']);
        })
        .groupBy('pipeline_ref')
        .as('latest');
      const rows = await this.db(TABLE)
        .join(latest, join =>
          join
            .on(`${TABLE}.pipeline_ref`, 'latest.pipeline_ref')
            .andOn(`${TABLE}.partition_start`, 'latest.start'),
        )
        .select(`${TABLE}.*`);
      found.push(...rows.map(toPartitionRecord));
    }
    return found;
  }
}

/** The key of a partition in maps and sets. */
export function partitionKey(pipelineRef: string, start: number): string {
  return `${pipelineRef}@${start}`;
}
