import type { TimePartitioning } from '@dataplatform/backstage-plugin-data-platform-common';

type Granularity = TimePartitioning['granularity'];

/** The start of the partition (UTC, as BigQuery's) a time falls in. */
export function partitionStart(time: Date, granularity: Granularity): Date {
  const d = new Date(time.getTime());
  switch (granularity) {
    case 'YEAR':
      return new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
    case 'MONTH':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    case 'DAY':
      return new Date(
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
      );
    default:
      d.setUTCMinutes(0, 0, 0);
      return d;
  }
}

/** The start of the partition after the one starting at `start`. */
export function nextPartitionStart(
  start: Date,
  granularity: Granularity,
): Date {
  const d = new Date(start.getTime());
  switch (granularity) {
    case 'YEAR':
      d.setUTCFullYear(d.getUTCFullYear() + 1);
      return d;
    case 'MONTH':
      d.setUTCMonth(d.getUTCMonth() + 1);
      return d;
    case 'DAY':
      d.setUTCDate(d.getUTCDate() + 1);
      return d;
    default:
      d.setUTCHours(d.getUTCHours() + 1);
      return d;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The partition time before which every partition has expired: as on
 * BigQuery, a partition expires once its start plus the expiration has
 * passed, so a row expires with its whole partition.
 */
export function expiryCutoff(
  now: Date,
  expirationDays: number,
  granularity: Granularity,
): Date {
  const lastExpired = partitionStart(
    new Date(now.getTime() - expirationDays * DAY_MS),
    granularity,
  );
  return nextPartitionStart(lastExpired, granularity);
}
