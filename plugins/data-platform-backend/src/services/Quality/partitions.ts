import {
  isoDurationMs,
  PartitionGranularity,
  QualityCheck,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** A partition granularity of a partitioned table. */
export type TimeGranularity = Exclude<PartitionGranularity, 'NONE'>;

/** Start (UTC, ms) of the partition that holds `at`. */
export function partitionStartAt(
  granularity: TimeGranularity,
  at: number,
): number {
  const d = new Date(at);
  switch (granularity) {
    case 'HOUR':
      return Date.UTC(
        d.getUTCFullYear(),
        d.getUTCMonth(),
        d.getUTCDate(),
        d.getUTCHours(),
      );
    case 'DAY':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'MONTH':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'YEAR':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    default:
      throw new Error(`Unknown granularity ${granularity}`);
  }
}

/** End (exclusive) of the partition starting at `start`. */
export function partitionEnd(
  granularity: TimeGranularity,
  start: number,
): number {
  const d = new Date(start);
  switch (granularity) {
    case 'HOUR':
      return start + 3_600_000;
    case 'DAY':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    case 'MONTH':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case 'YEAR':
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
    default:
      throw new Error(`Unknown granularity ${granularity}`);
  }
}

/**
 * The partition a run that completed at `at` wrote, when its event names
 * no nominal time: the period that had just ended (an hourly job finishing
 * at 10:05 wrote 09:00).
 */
export function previousPartitionStart(
  granularity: TimeGranularity,
  at: number,
): number {
  return partitionStartAt(granularity, partitionStartAt(granularity, at) - 1);
}

/**
 * How long after its period a partition of an endpoint may still be
 * filling: the longest delay its freshness checks allow (late events of a
 * streaming table, a batch that lands after the hour), else none.
 */
export function fillingGraceMs(checks: QualityCheck[]): number {
  return Math.max(
    0,
    ...checks
      .filter(c => c.type === 'freshness' && c.maxDelay)
      .map(c => {
        try {
          return isoDurationMs(c.maxDelay!);
        } catch {
          return 0; // refused when the catalog read it
        }
      }),
  );
}

/**
 * When the partition starting at `start` is complete and its checks may be
 * judged: its period ended, plus the endpoint's grace.
 */
export function partitionCompleteAt(
  granularity: TimeGranularity,
  start: number,
  graceMs: number,
): number {
  return partitionEnd(granularity, start) + graceMs;
}

/**
 * The `count` latest complete partitions at `now`, newest first, and the
 * partitions begun but still filling, newest first.
 */
export function partitionsAt(
  granularity: TimeGranularity,
  graceMs: number,
  now: number,
  count: number,
): { complete: number[]; filling: number[] } {
  const complete: number[] = [];
  const filling: number[] = [];
  let start = partitionStartAt(granularity, now);
  while (complete.length < count) {
    if (partitionCompleteAt(granularity, start, graceMs) > now) {
      filling.push(start);
    } else complete.push(start);
    start = partitionStartAt(granularity, start - 1);
  }
  return { complete, filling };
}
