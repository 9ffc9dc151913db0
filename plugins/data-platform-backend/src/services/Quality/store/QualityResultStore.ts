import type {
  EndpointScore,
  QualityCheckResult,
  QualityResultType,
  VolumePoint,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityQueryCost } from '@dataplatform/backstage-plugin-data-platform-node';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { chunk } from '../../../database/chunk';
import {
  ArrayColumn,
  isPostgres,
  upsertFromArrays,
} from '../../../database/pgArrays';

/** A table's partition key: its start (ms), or -1 when it is not partitioned. */
export const UNPARTITIONED = -1;

/** Why a partition's checks run. */
export type QueueReason = 'landed' | 'scheduled' | 'manual';

/** A partition waiting to be checked. */
export type QueuedPartition = {
  endpointRef: string;
  partitionStart: number;
  reason: QueueReason;
  attempts: number;
};

/** A check's result as stored: the latest per check, partition and source. */
export type StoredResult = Omit<QualityCheckResult, 'type'> & {
  type: QualityResultType;
  endpointRef: string;
  partitionStart: number;
  /** The runner that ran it, or the emitter whose facets reported it. */
  source: string;
  runId?: number;
  evaluatedAt: number;
};

/** A run as stored, with what its queries cost. */
export type StoredRun = {
  id: number;
  endpointRef: string;
  partitionStart: number;
  source: string;
  reason: string;
  startedAt: number;
  finishedAt: number;
  status: 'ok' | 'error';
  error?: string;
  queries: QualityQueryCost[];
  bytesBilled?: number;
  slotMs?: number;
  durationMs: number;
};

/** What a score is made of, less how old its causes are. */
export function scoreDigest(score: EndpointScore): string {
  const parts = Object.entries(score.components).map(([name, c]) => [
    name,
    c.score,
    c.weight,
    c.excluded ?? '',
    c.deductions.map(d => [d.points, d.checkName ?? '', d.severity ?? '']),
  ]);
  return createHash('sha1')
    .update(JSON.stringify([score.score, parts]))
    .digest('hex');
}

const RESULT_KEY = ['endpoint_ref', 'check_name', 'partition_start', 'source'];
/** quality_results' columns with their PostgreSQL types, the key's first. */
const RESULT_COLUMNS: ArrayColumn[] = [
  ['endpoint_ref', 'text'],
  ['check_name', 'text'],
  ['partition_start', 'bigint'],
  ['source', 'text'],
  ['check_type', 'text'],
  ['column_path', 'text'],
  ['severity', 'text'],
  ['status', 'text'],
  ['metric', 'text'],
  ['expected', 'text'],
  ['actual', 'text'],
  ['message', 'text'],
  ['run_id', 'integer'],
  ['evaluated_at', 'bigint'],
];

const text = (value: unknown) =>
  value === undefined || value === null ? null : String(value);

function toResult(row: any): StoredResult {
  const result: StoredResult = {
    endpointRef: row.endpoint_ref,
    name: row.check_name,
    partitionStart: Number(row.partition_start),
    source: row.source,
    type: row.check_type,
    severity: row.severity,
    status: row.status,
    metric: row.metric,
    message: row.message,
    evaluatedAt: Number(row.evaluated_at),
  };
  if (row.column_path) result.column = row.column_path;
  if (row.expected !== null) result.expected = row.expected;
  if (row.actual !== null) {
    const n = Number(row.actual);
    result.actual =
      row.actual !== '' && Number.isFinite(n) ? n : String(row.actual);
  }
  if (row.run_id !== null) result.runId = Number(row.run_id);
  return result;
}

function toRun(row: any): StoredRun {
  const run: StoredRun = {
    id: Number(row.id),
    endpointRef: row.endpoint_ref,
    partitionStart: Number(row.partition_start),
    source: row.source,
    reason: row.reason,
    startedAt: Number(row.started_at),
    finishedAt: Number(row.finished_at),
    status: row.status,
    queries: JSON.parse(row.queries),
    durationMs: Number(row.duration_ms),
  };
  if (row.error) run.error = row.error;
  if (row.bytes_billed !== null) run.bytesBilled = Number(row.bytes_billed);
  if (row.slot_ms !== null) run.slotMs = Number(row.slot_ms);
  return run;
}

/**
 * Quality's own tables: the queue of partitions to check, runs and their
 * costs, results, partition volumes and the volumes marked normal, and the
 * daily scores.
 */
export class QualityResultStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Queues partitions; one already queued keeps its place. */
  async enqueue(
    items: {
      endpointRef: string;
      partitionStart: number;
      reason: QueueReason;
    }[],
    now: number,
    delayMs = 0,
  ): Promise<void> {
    const unique = new Map(
      items.map(i => [`${i.endpointRef}\u0000${i.partitionStart}`, i]),
    );
    const rows = [...unique.values()]
      .sort(
        (a, b) =>
          a.endpointRef.localeCompare(b.endpointRef) ||
          a.partitionStart - b.partitionStart,
      )
      .map(i => ({
        endpoint_ref: i.endpointRef,
        partition_start: i.partitionStart,
        reason: i.reason,
        queued_at: now,
        not_before: now + delayMs,
        attempts: 0,
      }));
    for (const batch of chunk(rows, 200)) {
      await this.db('quality_queue')
        .insert(batch)
        .onConflict(['endpoint_ref', 'partition_start'])
        .ignore();
    }
  }

  /** Partitions due now, oldest first. */
  async due(now: number, limit: number): Promise<QueuedPartition[]> {
    const rows = await this.db('quality_queue')
      .where('not_before', '<=', now)
      .orderBy([
        { column: 'not_before', order: 'asc' },
        { column: 'endpoint_ref', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(r => ({
      endpointRef: r.endpoint_ref,
      partitionStart: Number(r.partition_start),
      reason: r.reason,
      attempts: Number(r.attempts),
    }));
  }

  async dequeue(item: { endpointRef: string; partitionStart: number }) {
    await this.db('quality_queue')
      .where({
        endpoint_ref: item.endpointRef,
        partition_start: item.partitionStart,
      })
      .delete();
  }

  /** Puts a failed item back for later. */
  async retryLater(
    item: { endpointRef: string; partitionStart: number },
    notBefore: number,
  ) {
    await this.db('quality_queue')
      .where({
        endpoint_ref: item.endpointRef,
        partition_start: item.partitionStart,
      })
      .update({ not_before: notBefore })
      .increment('attempts', 1);
  }

  /** Puts a queued partition off until `notBefore`, not as a failed attempt. */
  async waitUntil(
    item: { endpointRef: string; partitionStart: number },
    notBefore: number,
  ) {
    await this.db('quality_queue')
      .where({
        endpoint_ref: item.endpointRef,
        partition_start: item.partitionStart,
      })
      .update({ not_before: notBefore });
  }

  /**
   * Which of these partitions a run of `source` started on at or after the
   * item's `since`, as `endpointRef\0partitionStart` keys.
   */
  async ranSince(
    items: { endpointRef: string; partitionStart: number; since: number }[],
    source: string,
  ): Promise<Set<string>> {
    const key = (ref: string, start: number) => `${ref}\u0000${start}`;
    const since = new Map(
      items.map(i => [key(i.endpointRef, i.partitionStart), i.since]),
    );
    const ran = new Set<string>();
    for (const batch of chunk(items, 200)) {
      const rows: Record<string, any>[] = await this.db('quality_runs')
        .select('endpoint_ref', 'partition_start')
        .max({ last: 'started_at' })
        .whereIn('endpoint_ref', [...new Set(batch.map(i => i.endpointRef))])
        .whereIn('partition_start', [
          ...new Set(batch.map(i => i.partitionStart)),
        ])
        .andWhere('source', source)
        .groupBy('endpoint_ref', 'partition_start');
      for (const row of rows) {
        const k = key(row.endpoint_ref, Number(row.partition_start));
        const after = since.get(k);
        if (after !== undefined && Number(row.last) >= after) ran.add(k);
      }
    }
    return ran;
  }

  async queuedFor(endpointRef: string): Promise<number> {
    const [{ count }] = await this.db('quality_queue')
      .where('endpoint_ref', endpointRef)
      .count({ count: '*' });
    return Number(count);
  }

  async queued(): Promise<number> {
    const [{ count }] = await this.db('quality_queue').count({ count: '*' });
    return Number(count);
  }

  async recordRun(run: Omit<StoredRun, 'id'>): Promise<number> {
    const [row] = await this.db('quality_runs')
      .insert({
        endpoint_ref: run.endpointRef,
        partition_start: run.partitionStart,
        source: run.source,
        reason: run.reason,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        status: run.status,
        error: run.error ?? null,
        queries: JSON.stringify(run.queries),
        bytes_billed: run.bytesBilled ?? null,
        slot_ms: run.slotMs ?? null,
        duration_ms: run.durationMs,
      })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async runs(ids: number[]): Promise<Map<number, StoredRun>> {
    const found = new Map<number, StoredRun>();
    for (const batch of chunk(ids, 500)) {
      for (const row of await this.db('quality_runs').whereIn('id', batch)) {
        found.set(Number(row.id), toRun(row));
      }
    }
    return found;
  }

  async recentRuns(endpointRef: string, limit: number): Promise<StoredRun[]> {
    const rows = await this.db('quality_runs')
      .where('endpoint_ref', endpointRef)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toRun);
  }

  /** Replaces the latest results of these checks, partitions and sources. */
  async putResults(results: StoredResult[]): Promise<void> {
    // One row per key: a batch may report the same check of a partition
    // twice (two runs reading the dataset), and one upsert cannot update a
    // row twice. The latest evaluation wins; of equals, the last given.
    const latest = new Map<string, StoredResult>();
    for (const r of results) {
      const key = [r.endpointRef, r.name, r.partitionStart, r.source].join(
        '\u0000',
      );
      const seen = latest.get(key);
      if (!seen || r.evaluatedAt >= seen.evaluatedAt) latest.set(key, r);
    }
    const rows = [...latest.values()]
      .map(r => ({
        endpoint_ref: r.endpointRef,
        check_name: r.name,
        partition_start: r.partitionStart,
        source: r.source,
        check_type: r.type,
        column_path: r.column ?? null,
        severity: r.severity,
        status: r.status,
        metric: r.metric,
        expected: text(r.expected),
        actual: text(r.actual),
        message: r.message,
        run_id: r.runId ?? null,
        evaluated_at: r.evaluatedAt,
      }))
      .sort(
        (a, b) =>
          a.endpoint_ref.localeCompare(b.endpoint_ref) ||
          a.check_name.localeCompare(b.check_name) ||
          a.partition_start - b.partition_start ||
          a.source.localeCompare(b.source),
      );
    if (isPostgres(this.db)) {
      // One statement of 14 arrays a chunk: building and binding a
      // parameter a cell cost about as much as writing the rows (bench 3
      // in docs/benchmarks/quality.md).
      await upsertFromArrays(this.db, 'quality_results', RESULT_COLUMNS, rows, {
        conflict: RESULT_KEY,
        merge: RESULT_COLUMNS.slice(4).map(([column]) => column),
      });
      return;
    }
    for (const batch of chunk(rows, 100)) {
      await this.db('quality_results')
        .insert(batch)
        .onConflict(RESULT_KEY)
        .merge();
    }
  }

  /** An endpoint's results evaluated since a time, newest partitions first. */
  async resultsOf(endpointRef: string, since: number): Promise<StoredResult[]> {
    const rows = await this.db('quality_results')
      .where('endpoint_ref', endpointRef)
      .andWhere('evaluated_at', '>=', since)
      .orderBy([
        { column: 'partition_start', order: 'desc' },
        { column: 'check_name', order: 'asc' },
      ]);
    return rows.map(toResult);
  }

  /**
   * The latest results of critical checks that fail, on partitions starting
   * at `since` or later and on unpartitioned tables: what pipeline health
   * opens bad-data alerts for. An index on status and severity serves it.
   */
  async failingCritical(since: number): Promise<StoredResult[]> {
    const rows = await this.db('quality_results')
      .where({ status: 'fail', severity: 'critical' })
      .andWhere(q =>
        q
          .where('partition_start', '>=', since)
          .orWhere('partition_start', UNPARTITIONED),
      );
    return rows.map(toResult);
  }

  /** Results of many endpoints evaluated since a time (scores). */
  async resultsSince(
    endpointRefs: string[] | undefined,
    since: number,
  ): Promise<StoredResult[]> {
    if (endpointRefs === undefined) {
      const rows = await this.db('quality_results').where(
        'evaluated_at',
        '>=',
        since,
      );
      return rows.map(toResult);
    }
    const results: StoredResult[] = [];
    for (const batch of chunk(endpointRefs, 500)) {
      const rows = await this.db('quality_results')
        .whereIn('endpoint_ref', batch)
        .andWhere('evaluated_at', '>=', since);
      results.push(...rows.map(toResult));
    }
    return results;
  }

  /**
   * What scores need of the results evaluated since a time, aggregated in
   * the database rather than read row by row: per endpoint, the checks
   * judged (pass or fail) outside volume, the latest failure of each, the
   * number of partitions volume checks judged, and each volume failure.
   */
  async scoreFacts(
    since: number,
    endpointRefs?: string[],
  ): Promise<{
    judged: { endpointRef: string; name: string; type: string }[];
    failures: StoredResult[];
    volumePartitions: Map<string, number>;
  }> {
    const volume = ['volume', 'volume_anomaly'];
    const scoped = (query: Knex.QueryBuilder, batch?: string[]) => {
      query
        .where('evaluated_at', '>=', since)
        .whereIn('status', ['pass', 'fail']);
      if (batch) query.whereIn('endpoint_ref', batch);
      return query;
    };
    const judged: { endpointRef: string; name: string; type: string }[] = [];
    const failures: StoredResult[] = [];
    const volumePartitions = new Map<string, number>();
    const read = async (batch?: string[]) => {
      const checks = await scoped(
        this.db('quality_results')
          .distinct('endpoint_ref', 'check_name', 'check_type')
          .whereNotIn('check_type', volume),
        batch,
      );
      for (const r of checks) {
        judged.push({
          endpointRef: r.endpoint_ref,
          name: r.check_name,
          type: r.check_type,
        });
      }
      const latest = scoped(
        this.db('quality_results')
          .select('endpoint_ref', 'check_name')
          .max({ latest: 'evaluated_at' })
          .where('status', 'fail')
          .whereNotIn('check_type', volume)
          .groupBy('endpoint_ref', 'check_name'),
        batch,
      ).as('l');
      const failing = await this.db('quality_results as r')
        .join(latest, join =>
          join
            .on('r.endpoint_ref', 'l.endpoint_ref')
            .andOn('r.check_name', 'l.check_name')
            .andOn('r.evaluated_at', 'l.latest'),
        )
        .where('r.status', 'fail')
        .select('r.*');
      const volumeFailures = await scoped(
        this.db('quality_results')
          .where('status', 'fail')
          .whereIn('check_type', volume),
        batch,
      );
      failures.push(...[...failing, ...volumeFailures].map(toResult));
      const partitions = await scoped(
        this.db('quality_results')
          .select('endpoint_ref')
          .countDistinct({ partitions: 'partition_start' })
          .whereIn('check_type', volume)
          .groupBy('endpoint_ref'),
        batch,
      );
      for (const r of partitions) {
        volumePartitions.set(r.endpoint_ref, Number(r.partitions));
      }
    };
    if (!endpointRefs) await read();
    else for (const batch of chunk(endpointRefs, 500)) await read(batch);
    return { judged, failures, volumePartitions };
  }

  async putVolumes(
    volumes: {
      endpointRef: string;
      partitionStart: number;
      rows: number;
      lastModified?: number;
    }[],
  ): Promise<void> {
    const rows = volumes
      .map(v => ({
        endpoint_ref: v.endpointRef,
        partition_start: v.partitionStart,
        rows: v.rows,
        last_modified: v.lastModified ?? null,
      }))
      .sort(
        (a, b) =>
          a.endpoint_ref.localeCompare(b.endpoint_ref) ||
          a.partition_start - b.partition_start,
      );
    for (const batch of chunk(rows, 200)) {
      await this.db('quality_volumes')
        .insert(batch)
        .onConflict(['endpoint_ref', 'partition_start'])
        .merge();
    }
  }

  /** An endpoint's partition volumes since a time, oldest first. */
  async volumes(
    endpointRef: string,
    since: number,
  ): Promise<
    { partitionStart: number; rows: number; lastModified?: number }[]
  > {
    const rows = await this.db('quality_volumes')
      .where('endpoint_ref', endpointRef)
      .andWhere('partition_start', '>=', since)
      .orderBy('partition_start');
    return rows.map(r => ({
      partitionStart: Number(r.partition_start),
      rows: Number(r.rows),
      ...(r.last_modified !== null
        ? { lastModified: Number(r.last_modified) }
        : {}),
    }));
  }

  async markNormal(mark: {
    endpointRef: string;
    partitionStart: number;
    rows: number;
    markedBy: string;
    markedAt: number;
  }): Promise<void> {
    await this.db('quality_volume_marks')
      .insert({
        endpoint_ref: mark.endpointRef,
        partition_start: mark.partitionStart,
        rows: mark.rows,
        marked_by: mark.markedBy,
        marked_at: mark.markedAt,
      })
      .onConflict(['endpoint_ref', 'partition_start'])
      .merge();
  }

  async marks(endpointRef: string): Promise<VolumePoint[]> {
    const rows = await this.db('quality_volume_marks')
      .where('endpoint_ref', endpointRef)
      .orderBy('partition_start');
    return rows.map(r => ({
      partition: new Date(Number(r.partition_start)).toISOString(),
      rows: Number(r.rows),
    }));
  }

  /**
   * Stores scores of a day, skipping those whose digest (what they are made
   * of, less the age of their causes) is the day's stored one. Returns how
   * many it wrote.
   */
  async putScores(
    scores: {
      endpointRef: string;
      day: string;
      score: EndpointScore;
      computedAt: number;
    }[],
    /** Every digest stored for the scores' day, read beforehand by {@link scoreDigests}. */
    digests?: { day: string; byEndpoint: Map<string, string> },
  ): Promise<number> {
    const stored = new Map<string, string>();
    for (const day of new Set(scores.map(s => s.day))) {
      const known =
        digests?.day === day
          ? digests.byEndpoint
          : await this.scoreDigests(
              day,
              scores.length <= 500 ? scores.map(s => s.endpointRef) : undefined,
            );
      for (const [endpointRef, digest] of known) {
        stored.set(`${endpointRef}\u0000${day}`, digest);
      }
    }
    const rows = scores
      .map(s => ({ s, digest: scoreDigest(s.score) }))
      .filter(
        ({ s, digest }) =>
          stored.get(`${s.endpointRef}\u0000${s.day}`) !== digest,
      )
      .map(({ s, digest }) => ({
        endpoint_ref: s.endpointRef,
        day: s.day,
        score: s.score.score,
        digest,
        detail: JSON.stringify(s.score),
        computed_at: s.computedAt,
      }))
      .sort((a, b) => a.endpoint_ref.localeCompare(b.endpoint_ref));
    for (const batch of chunk(rows, 500)) {
      await this.db('quality_scores')
        .insert(batch)
        .onConflict(['endpoint_ref', 'day'])
        .merge();
    }
    return rows.length;
  }

  /** The digests of the scores stored for a day, of these endpoints or of all. */
  async scoreDigests(
    day: string,
    endpointRefs?: string[],
  ): Promise<Map<string, string>> {
    const query = this.db('quality_scores')
      .select('endpoint_ref', 'digest')
      .where('day', day);
    if (endpointRefs) query.whereIn('endpoint_ref', endpointRefs);
    const found = new Map<string, string>();
    for (const row of await query) found.set(row.endpoint_ref, row.digest);
    return found;
  }

  /** An endpoint's daily scores since a day, oldest first. */
  async scoreHistory(
    endpointRef: string,
    sinceDay: string,
  ): Promise<{ day: string; score: EndpointScore }[]> {
    const rows = await this.db('quality_scores')
      .where('endpoint_ref', endpointRef)
      .andWhere('day', '>=', sinceDay)
      .orderBy('day');
    return rows.map(r => ({ day: r.day, score: JSON.parse(r.detail) }));
  }

  /** The latest score of each of these endpoints (or of all). */
  async latestScores(
    endpointRefs?: string[],
  ): Promise<
    Map<string, { day: string; score: number; detail: EndpointScore }>
  > {
    const latest = new Map<
      string,
      { day: string; score: number; detail: EndpointScore }
    >();
    const read = async (batch?: string[]) => {
      let query = this.db('quality_scores as s')
        .select('s.endpoint_ref', 's.day', 's.score', 's.detail')
        .whereIn(
          ['s.endpoint_ref', 's.day'],
          this.db('quality_scores')
            .select('endpoint_ref')
            .max('day')
            .groupBy('endpoint_ref'),
        );
      if (batch) query = query.whereIn('s.endpoint_ref', batch);
      for (const row of await query) {
        latest.set(row.endpoint_ref, {
          day: row.day,
          score: Number(row.score),
          detail: JSON.parse(row.detail),
        });
      }
    };
    if (!endpointRefs) await read();
    else for (const batch of chunk(endpointRefs, 500)) await read(batch);
    return latest;
  }
}
