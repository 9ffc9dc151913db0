import type { PartitionGranularity } from '@dataplatform/backstage-plugin-data-platform-common';

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
