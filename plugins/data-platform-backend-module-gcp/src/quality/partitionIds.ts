import type { PartitionGranularity } from '@dataplatform/backstage-plugin-data-platform-common';

type TimeGranularity = Exclude<PartitionGranularity, 'NONE'>;

/** The length of a time partition's id per granularity: YYYYMMDDHH, YYYYMMDD, YYYYMM, YYYY. */
const ID_LENGTHS: Record<TimeGranularity, number> = {
  HOUR: 10,
  DAY: 8,
  MONTH: 6,
  YEAR: 4,
};

/**
 * The start of the partition an INFORMATION_SCHEMA.PARTITIONS
 * `partition_id` names, ISO 8601 in UTC, when it is a time partition of
 * the granularity expected. `__NULL__` (rows whose partition column is
 * NULL), `__UNPARTITIONED__` (streamed rows not yet in a partition),
 * integer-range ids and ids of another granularity are undefined.
 */
export function partitionStartOf(
  partitionId: string,
  granularity: TimeGranularity,
): string | undefined {
  if (!/^\d+$/.test(partitionId)) return undefined;
  if (partitionId.length !== ID_LENGTHS[granularity]) return undefined;
  const part = (from: number, length: number, otherwise: number) =>
    partitionId.length >= from + length
      ? Number(partitionId.slice(from, from + length))
      : otherwise;
  const year = part(0, 4, 0);
  const month = part(4, 2, 1);
  const day = part(6, 2, 1);
  const hour = part(8, 2, 0);
  const start = new Date(Date.UTC(year, month - 1, day, hour));
  // 20260231 is no day: Date.UTC would roll it into March.
  if (
    start.getUTCFullYear() !== year ||
    start.getUTCMonth() !== month - 1 ||
    start.getUTCDate() !== day ||
    start.getUTCHours() !== hour
  ) {
    return undefined;
  }
  return start.toISOString();
}

/** `since` as an hourly partition id (YYYYMMDDHH, UTC), which ids of every granularity are prefixes of. */
export function hourPartitionId(since: string): string {
  return new Date(since).toISOString().slice(0, 13).replace(/[-T]/g, '');
}
