import { randomUUID } from 'crypto';
import type {
  CompiledQualityQuery,
  QualityTarget,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityQueryCost } from '@dataplatform/backstage-plugin-data-platform-node';
import { BigQuery, Job } from '@google-cloud/bigquery';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { isAlreadyExists } from '../calls/googleErrors';
import { OverCapError } from './queryErrors';

/** Where and how the check queries of one partition run. */
export type CheckJobContext = {
  bigQuery: BigQuery;
  caller: GoogleApiCaller;
  /** `maximumBytesBilled` of every job, in bytes. */
  cap: number;
  /** The table for messages, `project.dataset.table`. */
  table: string;
  /** Job labels, valid for BigQuery already. */
  labels: Record<string, string>;
  signal?: AbortSignal;
  now: () => number;
};

/** What a dry run said of a query: the bytes it would scan, and where it runs. */
export type DryRun = { estimatedBytes: number; location?: string };

const numberOf = (value: unknown): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * The query's `?` bindings as BigQuery query parameters. The partition
 * bounds come first (see -common's partitionScope) and are sent typed as
 * the column they are compared with: the client would infer STRING from
 * their text. Accepted values keep the types the client infers (STRING,
 * INT64, FLOAT64, BOOL).
 */
export function queryParams(
  query: CompiledQualityQuery,
  target: QualityTarget,
  partitioned: boolean,
): unknown[] | undefined {
  if (query.bindings.length === 0) return undefined;
  const bounds = partitioned && target.partitioning ? 2 : 0;
  const type = target.partitioning?.columnType ?? 'TIMESTAMP';
  const typed = (value: string) => {
    if (type === 'DATE') return BigQuery.date(value);
    if (type === 'DATETIME') return BigQuery.datetime(value);
    return BigQuery.timestamp(value);
  };
  return query.bindings.map((value, i) =>
    i < bounds ? typed(String(value)) : value,
  );
}

/**
 * A dry run of the query (jobs.insert with `dryRun`, free): the bytes the
 * job would scan, with partitions pruned by the query's filter.
 */
export async function dryRunCheckQuery(
  query: CompiledQualityQuery,
  params: unknown[] | undefined,
  context: CheckJobContext,
): Promise<DryRun> {
  const [, response] = await context.caller.call(
    { method: 'bigquery.jobs.insert', signal: context.signal },
    () =>
      context.bigQuery.createQueryJob({
        query: query.sql,
        ...(params ? { params } : {}),
        dryRun: true,
      }),
  );
  const estimatedBytes = numberOf(response?.statistics?.totalBytesProcessed);
  if (estimatedBytes === undefined) {
    throw new Error(
      `The dry run of the checks of ${context.table} said no size`,
    );
  }
  return {
    estimatedBytes,
    ...(response?.jobReference?.location
      ? { location: response.jobReference.location }
      : {}),
  };
}

/** Refuses a query the dry run found larger than the cap, before anything runs. */
export function assertUnderCap(dryRuns: DryRun[], context: CheckJobContext) {
  const largest = Math.max(...dryRuns.map(d => d.estimatedBytes));
  if (largest > context.cap) {
    throw new OverCapError(context.table, largest, context.cap);
  }
}

/**
 * Runs the query as a job capped at `maximumBytesBilled` and labelled,
 * waits for its one row and reads what it cost from the job's statistics
 * (jobs.get: bytes processed and billed, slot time, run time). The job id
 * is chosen here, so that an insert retried after a lost answer finds the
 * job it made (409) instead of running the query twice.
 */
export async function runCheckJob(
  query: CompiledQualityQuery,
  params: unknown[] | undefined,
  dryRun: DryRun,
  context: CheckJobContext,
): Promise<{ row: Record<string, unknown>; cost: QualityQueryCost }> {
  const { bigQuery, caller, signal } = context;
  const jobId = `dp_quality_${randomUUID().replace(/-/g, '_')}`;
  const started = context.now();
  let job: Job;
  try {
    [job] = await caller.call({ method: 'bigquery.jobs.insert', signal }, () =>
      bigQuery.createQueryJob({
        query: query.sql,
        ...(params ? { params } : {}),
        jobId,
        ...(dryRun.location ? { location: dryRun.location } : {}),
        maximumBytesBilled: String(context.cap),
        labels: context.labels,
      }),
    );
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    job = bigQuery.job(jobId, { location: dryRun.location });
  }
  const [rows] = await caller.call(
    { method: 'bigquery.jobs.getQueryResults', signal },
    () => job.getQueryResults(),
  );
  const [metadata] = await caller.call(
    { method: 'bigquery.jobs.get', signal },
    () => job.getMetadata(),
  );
  const statistics = metadata?.statistics ?? {};
  const startTime = numberOf(statistics.startTime);
  const endTime = numberOf(statistics.endTime);
  const cost: QualityQueryCost = {
    sql: query.sql,
    bindings: query.bindings,
    estimatedBytes: dryRun.estimatedBytes,
    durationMs:
      startTime !== undefined && endTime !== undefined
        ? endTime - startTime
        : context.now() - started,
    jobId: metadata?.id ?? jobId,
  };
  const processed = numberOf(
    statistics.query?.totalBytesProcessed ?? statistics.totalBytesProcessed,
  );
  const billed = numberOf(statistics.query?.totalBytesBilled);
  const slotMs = numberOf(
    statistics.totalSlotMs ?? statistics.query?.totalSlotMs,
  );
  if (processed !== undefined) cost.bytesProcessed = processed;
  if (billed !== undefined) cost.bytesBilled = billed;
  if (slotMs !== undefined) cost.slotMs = slotMs;
  return { row: (rows?.[0] as Record<string, unknown>) ?? {}, cost };
}
