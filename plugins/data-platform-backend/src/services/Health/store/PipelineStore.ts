import type { PipelineScheduleType } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';
import {
  ArrayColumn,
  isPostgres,
  updateFromArrays,
} from '../../../database/pgArrays';
import { groupBy } from '../../../collections/groupBy';
import { bumpPipelinesVersion } from './SweepStateStore';

const TABLE = 'health_pipelines';
const BATCH = 500;
/** 24 columns a row: within PostgreSQL's 65,535 bind parameters. */
const STATUS_BATCH = 2000;

/** What health keeps of a Pipeline entity. */
export type HealthPipelineRecord = {
  entityRef: string;
  etag: string;
  title: string;
  owner?: string;
  lifecycle: string;
  schedule: { type: PipelineScheduleType; cron?: string; timezone?: string };
  sla?: string;
  openLineage?: { namespace: string; name: string };
  inputs: string[];
  outputs: string[];
};

/** The sweep-maintained status of a pipeline. */
export type PipelineStatus = {
  state: string;
  problem: boolean;
  severity: number;
  /** First partition of the current problem. */
  partition?: number;
  /** Newest partition of the current problem, when it spans several. */
  lastPartition?: number;
  deadline?: number;
  /** When the current problem began. */
  since?: number;
  /** The current failure's reason (its newest partition's). */
  failureReason?: string;
  rootCause?: string;
  alertId?: string;
};

/** A pipeline as the sweep and the API read it. */
export type HealthPipeline = HealthPipelineRecord & {
  registeredAt: number;
  firstRunPartition?: number;
  status: PipelineStatus;
};

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);
const str = (v: unknown) =>
  v === null || v === undefined ? undefined : String(v);

function toHealthPipeline(row: Record<string, any>): HealthPipeline {
  return {
    entityRef: row.entity_ref,
    etag: row.etag,
    title: row.title,
    owner: str(row.owner),
    lifecycle: row.lifecycle,
    schedule: {
      type: row.schedule_type,
      cron: str(row.cron),
      timezone: str(row.timezone),
    },
    sla: str(row.sla),
    openLineage:
      row.ol_namespace && row.ol_name
        ? { namespace: row.ol_namespace, name: row.ol_name }
        : undefined,
    inputs: JSON.parse(row.inputs),
    outputs: JSON.parse(row.outputs),
    registeredAt: Number(row.registered_at),
    firstRunPartition: num(row.first_run_partition),
    status: {
      state: row.status_state,
      problem: Number(row.status_problem) === 1,
      severity: Number(row.status_severity),
      partition: num(row.status_partition),
      lastPartition: num(row.status_last_partition),
      failureReason: str(row.status_failure_reason),
      deadline: num(row.status_deadline),
      since: num(row.status_since),
      rootCause: str(row.status_root_cause),
      alertId: str(row.status_alert_id),
    },
  };
}

function statusColumns(s: PipelineStatus) {
  return {
    status_state: s.state,
    status_problem: s.problem ? 1 : 0,
    status_severity: s.severity,
    status_partition: s.partition ?? null,
    status_last_partition: s.lastPartition ?? null,
    status_failure_reason: s.failureReason?.slice(0, 2000) ?? null,
    status_deadline: s.deadline ?? null,
    status_since: s.since ?? null,
    status_root_cause: s.rootCause ?? null,
    status_alert_id: s.alertId ?? null,
  };
}

function specColumns(r: HealthPipelineRecord) {
  return {
    entity_ref: r.entityRef,
    etag: r.etag,
    title: r.title,
    owner: r.owner ?? null,
    lifecycle: r.lifecycle,
    schedule_type: r.schedule.type,
    cron: r.schedule.cron ?? null,
    timezone: r.schedule.timezone ?? null,
    sla: r.sla ?? null,
    ol_namespace: r.openLineage?.namespace ?? null,
    ol_name: r.openLineage?.name ?? null,
    inputs: JSON.stringify(r.inputs),
    outputs: JSON.stringify(r.outputs),
  };
}

const SPEC_COLUMNS = Object.keys(
  specColumns({
    entityRef: '',
    etag: '',
    title: '',
    lifecycle: '',
    schedule: { type: 'hourly' },
    inputs: [],
    outputs: [],
  }),
).filter(c => c !== 'entity_ref');

const SWEEP_COLUMNS = [
  'entity_ref',
  'etag',
  'title',
  'owner',
  'lifecycle',
  'schedule_type',
  'cron',
  'timezone',
  'sla',
  'ol_namespace',
  'ol_name',
  'registered_at',
  'first_run_partition',
  'status_state',
  'status_problem',
  'status_severity',
  'status_partition',
  'status_last_partition',
  'status_failure_reason',
  'status_deadline',
  'status_since',
  'status_root_cause',
  'status_alert_id',
];

const STATUS_COLUMNS = Object.keys(
  statusColumns({ state: '', problem: false, severity: 0 }),
);
/** The status columns as PostgreSQL's bulk update sends them. */
const STATUS_ARRAY_COLUMNS: ArrayColumn[] = [
  ['entity_ref', 'text'],
  ['status_state', 'text'],
  ['status_problem', 'integer'],
  ['status_severity', 'integer'],
  ['status_partition', 'bigint'],
  ['status_last_partition', 'bigint'],
  ['status_failure_reason', 'text'],
  ['status_deadline', 'bigint'],
  ['status_since', 'bigint'],
  ['status_root_cause', 'text'],
  ['status_alert_id', 'text'],
];

/** The pipelines health judges, kept in step with the catalog. */
export class PipelineStore {
  constructor(private readonly db: Knex) {}

  /** Entity ref -> etag of every stored pipeline. */
  async etags(): Promise<Map<string, string>> {
    const rows = await this.db(TABLE).select('entity_ref', 'etag');
    return new Map(rows.map(r => [r.entity_ref, r.etag]));
  }

  /** Ref -> etag of those of these pipelines that are held. */
  async etagsOf(refs: string[]): Promise<Map<string, string>> {
    const etags = new Map<string, string>();
    for (const batch of chunk(refs, BATCH)) {
      const rows = await this.db(TABLE)
        .select('entity_ref', 'etag')
        .whereIn('entity_ref', batch);
      rows.forEach(r => etags.set(r.entity_ref, r.etag));
    }
    return etags;
  }

  async count(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }

  /**
   * Adds or updates pipelines from the catalog; the status stays. Sweeps
   * see the change through the pipelines version bumped afterwards.
   */
  async upsert(records: HealthPipelineRecord[], now: number): Promise<void> {
    for (const batch of chunk(records, BATCH)) {
      await this.db(TABLE)
        .insert(batch.map(r => ({ ...specColumns(r), registered_at: now })))
        .onConflict('entity_ref')
        .merge(SPEC_COLUMNS);
    }
    if (records.length > 0) await bumpPipelinesVersion(this.db);
  }

  async remove(refs: string[]): Promise<void> {
    for (const batch of chunk(refs, BATCH)) {
      await this.db(TABLE).whereIn('entity_ref', batch).delete();
    }
    if (refs.length > 0) await bumpPipelinesVersion(this.db);
  }

  async all(): Promise<HealthPipeline[]> {
    const rows = await this.db(TABLE).select();
    return rows.map(toHealthPipeline);
  }

  /** Every pipeline without its inputs and outputs (empty): what a sweep reads. */
  async allForSweep(): Promise<HealthPipeline[]> {
    const rows = await this.db(TABLE).select(
      SWEEP_COLUMNS.map(c => this.db.raw('??', [c])),
    );
    return rows.map(row =>
      toHealthPipeline({ ...row, inputs: '[]', outputs: '[]' }),
    );
  }

  async get(ref: string): Promise<HealthPipeline | undefined> {
    const row = await this.db(TABLE).where('entity_ref', ref).first();
    return row ? toHealthPipeline(row) : undefined;
  }

  async getMany(refs: string[]): Promise<HealthPipeline[]> {
    const found: HealthPipeline[] = [];
    for (const batch of chunk(refs, BATCH)) {
      const rows = await this.db(TABLE).whereIn('entity_ref', batch);
      found.push(...rows.map(toHealthPipeline));
    }
    return found;
  }

  /** Pipelines by the OpenLineage job identity their runs carry. */
  async byJobs(
    jobs: { namespace: string; name: string }[],
  ): Promise<HealthPipeline[]> {
    const found: HealthPipeline[] = [];
    for (const batch of chunk(jobs, BATCH)) {
      const rows = await this.db(TABLE).whereIn(
        ['ol_namespace', 'ol_name'],
        batch.map(j => [j.namespace, j.name]),
      );
      found.push(...rows.map(toHealthPipeline));
    }
    return found;
  }

  /**
   * Writes statuses the sweep changed. An upsert rather than an UPDATE per
   * row, so that a whole platform turning late at the top of the hour is a
   * few statements; only the status columns are merged. Should the catalog
   * sync have removed a pipeline meanwhile, the row comes back with an empty
   * etag, which makes the next sync refetch or remove it.
   */
  async writeStatuses(
    changed: { pipeline: HealthPipeline; status: PipelineStatus }[],
  ): Promise<void> {
    if (isPostgres(this.db)) {
      // An update: a pipeline the catalog removed meanwhile stays removed.
      await updateFromArrays(
        this.db,
        TABLE,
        STATUS_ARRAY_COLUMNS,
        changed.map(({ pipeline, status }) => ({
          entity_ref: pipeline.entityRef,
          ...statusColumns(status),
        })),
        { key: ['entity_ref'], set: STATUS_COLUMNS },
      );
      return;
    }
    for (const batch of chunk(changed, STATUS_BATCH)) {
      await this.db(TABLE)
        .insert(
          batch.map(({ pipeline, status }) => ({
            ...specColumns(pipeline),
            etag: '',
            registered_at: pipeline.registeredAt,
            ...statusColumns(status),
          })),
        )
        .onConflict('entity_ref')
        .merge(STATUS_COLUMNS);
    }
  }

  /** Lowers the earliest partition known to have a run. */
  async lowerFirstRunPartitions(
    updates: { ref: string; partitionStart: number }[],
  ): Promise<void> {
    if (isPostgres(this.db)) {
      await updateFromArrays(
        this.db,
        TABLE,
        [
          ['entity_ref', 'text'],
          ['first_run_partition', 'bigint'],
        ],
        updates.map(u => ({
          entity_ref: u.ref,
          first_run_partition: u.partitionStart,
        })),
        {
          key: ['entity_ref'],
          set: ['first_run_partition'],
          where:
            't.first_run_partition is null or t.first_run_partition > k.first_run_partition',
        },
      );
      return;
    }
    // Grouped by partition: pipelines sharing a schedule share the value.
    const byStart = groupBy(
      updates,
      u => u.partitionStart,
      u => u.ref,
    );
    for (const [start, refs] of byStart) {
      for (const batch of chunk(refs, BATCH)) {
        await this.db(TABLE)
          .whereIn('entity_ref', batch)
          .andWhere(q =>
            q
              .whereNull('first_run_partition')
              .orWhere('first_run_partition', '>', start),
          )
          .update({ first_run_partition: start });
      }
    }
  }
}
