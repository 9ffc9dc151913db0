import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  EvaluationContext,
  evaluateChecks,
  evaluateFromPartitionMetadata,
  METADATA_CHECK_TYPES,
  PartitionMetrics,
  qualityCheckName,
  qualityCheckSeverity,
  QualityCheck,
  SCAN_CHECK_TYPES,
  SchemaField,
  VolumePoint,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  QualityRunner,
  QualityTable,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { chunk } from '../../database/chunk';
import type { ModuleRegistry } from '../ModuleRegistry';
import {
  fillingGraceMs,
  partitionCompleteAt,
  partitionEnd,
  partitionsAt,
  TimeGranularity,
} from './partitions';
import type {
  QualityCatalogStore,
  QualityEndpoint,
} from './store/QualityCatalogStore';
import {
  QualityResultStore,
  QueuedPartition,
  StoredResult,
  UNPARTITIONED,
} from './store/QualityResultStore';

const WEEK_MS = 7 * 86_400_000;

/** How quality runs, from `dataPlatform.quality`. */
export type QualityRunSettings = {
  /** Partitions checked per pass of the queue. */
  queueBatch: number;
  /** Attempts of a partition whose run failed before its results say error. */
  maxAttempts: number;
  /** Weeks of partition volumes kept for learned bands. */
  volumeWeeks: number;
  /**
   * The latest complete partitions each metadata sweep judges, and queues
   * for a scan when none ran since they completed. Default 2.
   */
  catchUpPartitions?: number;
};

/** What checking one queued partition came to. */
type CheckOutcome = 'checked' | 'failed' | 'deferred';

/** What one pass of the queue did. */
export type QueuePassResult = { checked: number; failed: number; left: number };

/** A table as a runner is handed it, or undefined when it is not a table. */
export function qualityTableOf(
  endpoint: QualityEndpoint,
): QualityTable | undefined {
  if (!endpoint.address) return undefined;
  return {
    endpointRef: endpoint.entityRef,
    address: endpoint.address,
    fields: endpoint.fields ?? [],
    ...(endpoint.partitioning ? { partitioning: endpoint.partitioning } : {}),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

const addressKey = (e: QualityEndpoint) =>
  e.address
    ? `${e.address.project}.${e.address.dataset}.${e.address.table}`
    : '';

/**
 * Runs endpoints' quality checks where their data is: takes queued
 * partitions (a run wrote them, the hourly schedule, or someone asked),
 * has the table's runner scan each partition once for every check that
 * needs a scan, judges all checks (metadata checks on the row count and
 * the learned volume band), and stores the results with what the queries
 * cost. Hourly, it reads partition metadata in bulk where runners keep it,
 * which judges freshness and volume of every table without a scan and
 * backfills the volume history bands learn from.
 */
export class QualityEngine {
  private readonly now: () => number;

  constructor(
    private readonly options: {
      catalog: QualityCatalogStore;
      results: QualityResultStore;
      runners: ModuleRegistry<QualityRunner>;
      logger: LoggerService;
      settings: QualityRunSettings;
      /** Called with the endpoints whose results changed (scores follow). */
      onResults?: (endpointRefs: string[]) => Promise<void>;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The runner that checks an endpoint's table, if any. */
  runnerOf(endpoint: QualityEndpoint): QualityRunner | undefined {
    const table = qualityTableOf(endpoint);
    return table
      ? this.options.runners.list().find(r => r.handles(table))
      : undefined;
  }

  /**
   * When a partition of the endpoint is complete, so that its checks may
   * judge it: its period ended, plus the endpoint's grace (see
   * `fillingGraceMs`). Undefined for an unpartitioned table.
   */
  completeAt(endpoint: QualityEndpoint, partitionStart: number) {
    if (!endpoint.partitioning || partitionStart === UNPARTITIONED) {
      return undefined;
    }
    return partitionCompleteAt(
      endpoint.partitioning.granularity,
      partitionStart,
      fillingGraceMs(endpoint.checks),
    );
  }

  /** The latest complete partitions of a partitioned endpoint, and those filling, newest first. */
  partitionsOf(
    endpoint: QualityEndpoint & {
      partitioning: { granularity: TimeGranularity };
    },
    now: number,
    count = this.options.settings.catchUpPartitions ?? 2,
  ) {
    return partitionsAt(
      endpoint.partitioning.granularity,
      fillingGraceMs(endpoint.checks),
      now,
      count,
    );
  }

  /** Queues a partition's checks to run now (or once it is complete). */
  async request(
    endpointRef: string,
    partitionStart: number,
    reason: 'manual' | 'scheduled' = 'manual',
  ): Promise<void> {
    await this.options.results.enqueue(
      [{ endpointRef, partitionStart, reason }],
      this.now(),
    );
  }

  /** Checks the partitions that are due, one at a time. */
  async processQueue(signal?: AbortSignal): Promise<QueuePassResult> {
    const { results, catalog, settings } = this.options;
    const due = await results.due(this.now(), settings.queueBatch);
    const endpoints = await catalog.endpoints([
      ...new Set(due.map(d => d.endpointRef)),
    ]);
    let checked = 0;
    let failed = 0;
    const changed = new Set<string>();
    for (const item of due) {
      if (signal?.aborted) break;
      const endpoint = endpoints.get(item.endpointRef);
      if (!endpoint || endpoint.checks.length === 0) {
        await results.dequeue(item);
        continue;
      }
      const outcome = await this.checkPartition(endpoint, item);
      if (outcome === 'deferred') continue;
      if (outcome === 'checked') checked++;
      else failed++;
      changed.add(endpoint.entityRef);
    }
    if (changed.size) await this.options.onResults?.([...changed]);
    return { checked, failed, left: await results.queued() };
  }

  /**
   * Reads partition metadata of every table whose runner keeps it (rows
   * and last write per partition, no scan), stores the volumes, judges the
   * metadata checks of each table's latest complete partitions, and queues
   * a scan of those of tables with scan checks that no run checked since
   * they completed. A partition still filling is not judged.
   */
  async sweepMetadata(signal?: AbortSignal): Promise<{ tables: number }> {
    const { catalog, results, logger, settings } = this.options;
    const now = this.now();
    const endpoints = (await catalog.allEndpoints()).filter(
      e => e.checks.length > 0 && e.address,
    );
    const byRunner = new Map<QualityRunner, QualityEndpoint[]>();
    for (const endpoint of endpoints) {
      const runner = this.runnerOf(endpoint);
      if (!runner) continue;
      byRunner.set(runner, [...(byRunner.get(runner) ?? []), endpoint]);
    }
    const changed = new Set<string>();
    for (const [runner, unsorted] of byRunner) {
      // By table address, so that a batch holds whole datasets: a runner
      // reading metadata per dataset reads each dataset once.
      const group = [...unsorted].sort((a, b) =>
        addressKey(a).localeCompare(addressKey(b)),
      );
      if (runner.partitionMetadata) {
        for (const batch of chunk(group, 1000)) {
          if (signal?.aborted) break;
          const since = iso(now - settings.volumeWeeks * WEEK_MS - WEEK_MS);
          const metadata = await runner.partitionMetadata(
            batch.map(e => qualityTableOf(e)!),
            { since, signal, logger },
          );
          await results.putVolumes(
            [...metadata].flatMap(([ref, rows]) =>
              rows.map(r => ({
                endpointRef: ref,
                partitionStart: Date.parse(r.partition),
                rows: r.rows,
                ...(r.lastModified
                  ? { lastModified: Date.parse(r.lastModified) }
                  : {}),
              })),
            ),
          );
          for (const endpoint of batch) {
            const stored = await this.judgeFromMetadata(endpoint, runner, now);
            if (stored) changed.add(endpoint.entityRef);
          }
        }
      }
      const scans = group
        .filter(e => e.checks.some(c => SCAN_CHECK_TYPES.includes(c.type)))
        .flatMap(e =>
          e.partitioning
            ? this.partitionsOf(
                { ...e, partitioning: e.partitioning },
                now,
              ).complete.map(start => ({
                endpointRef: e.entityRef,
                partitionStart: start,
                since: this.completeAt(e, start)!,
              }))
            : [
                {
                  endpointRef: e.entityRef,
                  partitionStart: UNPARTITIONED,
                  since: Number.MAX_SAFE_INTEGER,
                },
              ],
        );
      const ran = await results.ranSince(scans, runner.id);
      await results.enqueue(
        scans
          .filter(s => !ran.has(`${s.endpointRef}\u0000${s.partitionStart}`))
          .map(s => ({
            endpointRef: s.endpointRef,
            partitionStart: s.partitionStart,
            reason: 'scheduled' as const,
          })),
        now,
      );
    }
    if (changed.size) await this.options.onResults?.([...changed]);
    return { tables: endpoints.length };
  }

  /** Judges the metadata checks of the latest partitions from stored volumes. */
  private async judgeFromMetadata(
    endpoint: QualityEndpoint,
    runner: QualityRunner,
    now: number,
  ): Promise<boolean> {
    const checks = endpoint.checks.filter(c =>
      METADATA_CHECK_TYPES.includes(c.type),
    );
    if (checks.length === 0 || !endpoint.partitioning) return false;
    const volumes = await this.options.results.volumes(
      endpoint.entityRef,
      now - (this.options.settings.volumeWeeks + 1) * WEEK_MS,
    );
    const { complete } = this.partitionsOf(
      { ...endpoint, partitioning: endpoint.partitioning },
      now,
    );
    const stored: StoredResult[] = [];
    for (const start of complete) {
      const volume = volumes.find(v => v.partitionStart === start);
      const context = await this.context(endpoint, start, volumes, now);
      const judged = evaluateFromPartitionMetadata(
        checks,
        {
          rows: volume?.rows ?? 0,
          ...(volume?.lastModified
            ? { lastModified: iso(volume.lastModified) }
            : {}),
        },
        context,
      );
      stored.push(
        ...judged.map(r => ({
          ...r,
          endpointRef: endpoint.entityRef,
          partitionStart: start,
          source: runner.id,
          evaluatedAt: now,
        })),
      );
    }
    await this.options.results.putResults(stored);
    return stored.length > 0;
  }

  private async context(
    endpoint: QualityEndpoint,
    partitionStart: number,
    volumes: { partitionStart: number; rows: number }[],
    now: number,
    extra: Partial<EvaluationContext> = {},
  ): Promise<EvaluationContext> {
    const granularity = endpoint.partitioning?.granularity as
      | TimeGranularity
      | undefined;
    const history: VolumePoint[] = volumes
      .filter(v => v.partitionStart < partitionStart)
      .map(v => ({ partition: iso(v.partitionStart), rows: v.rows }));
    return {
      evaluatedAt: iso(now),
      ...(granularity && partitionStart !== UNPARTITIONED
        ? {
            partition: {
              start: iso(partitionStart),
              end: iso(partitionEnd(granularity, partitionStart)),
            },
          }
        : {}),
      volumeHistory: history,
      markedNormal: await this.options.results.marks(endpoint.entityRef),
      ...(endpoint.fields ? { declaredFields: endpoint.fields } : {}),
      ...extra,
    };
  }

  /**
   * Runs and judges one queued partition. A partition still filling waits
   * until it is complete (one a run wrote, until its period ended).
   */
  private async checkPartition(
    endpoint: QualityEndpoint,
    item: QueuedPartition,
  ): Promise<CheckOutcome> {
    const { results, logger, settings } = this.options;
    const runner = this.runnerOf(endpoint);
    const now = this.now();
    const completeAt =
      item.reason === 'landed' && endpoint.partitioning
        ? partitionEnd(endpoint.partitioning.granularity, item.partitionStart)
        : this.completeAt(endpoint, item.partitionStart);
    if (completeAt !== undefined && now < completeAt) {
      await results.waitUntil(item, completeAt);
      return 'deferred';
    }
    if (!runner) {
      await results.putResults(
        endpoint.checks.map(check =>
          this.notRun(
            endpoint,
            check,
            item.partitionStart,
            now,
            'none',
            endpoint.address
              ? `no quality runner handles ${endpoint.address.project}.${endpoint.address.dataset}.${endpoint.address.table}`
              : `checks of a ${endpoint.type} are not run by any runner`,
          ),
        ),
      );
      await results.dequeue(item);
      return 'checked';
    }
    const table = qualityTableOf(endpoint)!;
    const granularity = endpoint.partitioning?.granularity;
    const partition =
      granularity && item.partitionStart !== UNPARTITIONED
        ? {
            start: iso(item.partitionStart),
            end: iso(partitionEnd(granularity, item.partitionStart)),
          }
        : undefined;
    const started = this.now();
    try {
      const outcome = await runner.runPartition({
        table,
        checks: endpoint.checks.filter(c => SCAN_CHECK_TYPES.includes(c.type)),
        ...(partition ? { partition } : {}),
        labels: {
          'dp-endpoint': endpoint.entityRef,
          'dp-partition': partition?.start ?? 'all',
        },
        logger,
      });
      const finished = this.now();
      const runId = await results.recordRun({
        endpointRef: endpoint.entityRef,
        partitionStart: item.partitionStart,
        source: runner.id,
        reason: item.reason,
        startedAt: started,
        finishedAt: finished,
        status: 'ok',
        queries: outcome.queries,
        ...sumCosts(outcome.queries),
        durationMs: finished - started,
      });
      const metrics: PartitionMetrics = outcome.metrics;
      const volumes = await results.volumes(
        endpoint.entityRef,
        item.partitionStart - (settings.volumeWeeks + 1) * WEEK_MS,
      );
      const stored = volumes.find(
        v => v.partitionStart === item.partitionStart,
      );
      if (metrics.rowCount === undefined && stored)
        metrics.rowCount = stored.rows;
      if (!metrics.lastModified && stored?.lastModified) {
        metrics.lastModified = iso(stored.lastModified);
      }
      const context = await this.context(
        endpoint,
        item.partitionStart,
        volumes,
        finished,
        {
          ...(outcome.observedFields
            ? { observedFields: outcome.observedFields as SchemaField[] }
            : {}),
          ...(item.reason === 'landed' ? { landedAt: iso(started) } : {}),
        },
      );
      const judged = evaluateChecks(endpoint.checks, metrics, context);
      await results.putResults(
        judged.map(r => ({
          ...r,
          endpointRef: endpoint.entityRef,
          partitionStart: item.partitionStart,
          source: runner.id,
          runId,
          evaluatedAt: finished,
        })),
      );
      if (
        metrics.rowCount !== undefined &&
        item.partitionStart !== UNPARTITIONED
      ) {
        await results.putVolumes([
          {
            endpointRef: endpoint.entityRef,
            partitionStart: item.partitionStart,
            rows: metrics.rowCount,
            ...(stored?.lastModified
              ? { lastModified: stored.lastModified }
              : {}),
          },
        ]);
      }
      await results.dequeue(item);
      return 'checked';
    } catch (error) {
      const message = String((error as Error)?.message ?? error);
      logger.warn(
        `Quality checks of ${endpoint.entityRef} (${
          partition?.start ?? 'all'
        }) failed on ${runner.title}: ${message}`,
      );
      const finished = this.now();
      await results.recordRun({
        endpointRef: endpoint.entityRef,
        partitionStart: item.partitionStart,
        source: runner.id,
        reason: item.reason,
        startedAt: started,
        finishedAt: finished,
        status: 'error',
        error: message,
        queries: [],
        durationMs: finished - started,
      });
      if (item.attempts + 1 >= settings.maxAttempts) {
        await results.putResults(
          endpoint.checks.map(check => ({
            ...this.notRun(
              endpoint,
              check,
              item.partitionStart,
              finished,
              runner.id,
              message,
            ),
            status: 'error' as const,
          })),
        );
        await results.dequeue(item);
      } else {
        // Back off: a minute, then four, ...
        await results.retryLater(item, finished + 60_000 * 4 ** item.attempts);
      }
      return 'failed';
    }
  }

  private notRun(
    endpoint: QualityEndpoint,
    check: QualityCheck,
    partitionStart: number,
    now: number,
    source: string,
    why: string,
  ): StoredResult {
    return {
      endpointRef: endpoint.entityRef,
      partitionStart,
      source,
      name: qualityCheckName(check),
      type: check.type,
      ...(check.column ? { column: check.column } : {}),
      severity: qualityCheckSeverity(check),
      status: 'not_run',
      metric: check.type,
      message: why,
      evaluatedAt: now,
    };
  }
}

function sumCosts(queries: { bytesBilled?: number; slotMs?: number }[]) {
  const billed = queries
    .map(q => q.bytesBilled)
    .filter((b): b is number => b !== undefined);
  const slots = queries
    .map(q => q.slotMs)
    .filter((s): s is number => s !== undefined);
  return {
    ...(billed.length
      ? { bytesBilled: billed.reduce((a, b) => a + b, 0) }
      : {}),
    ...(slots.length ? { slotMs: slots.reduce((a, b) => a + b, 0) } : {}),
  };
}
