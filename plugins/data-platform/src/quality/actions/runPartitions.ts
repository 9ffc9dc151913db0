/**
 * The partitions "Run checks now" offers, newest first: those in the grid,
 * or, before any result, the last finished period of the table's
 * granularity (the backend floors any time to its partition's start).
 */
export function runPartitions(
  gridPartitions: string[],
  granularity: string | undefined,
  now = Date.now(),
): string[] {
  if (gridPartitions.length) return gridPartitions;
  const d = new Date(now);
  const [y, m, day, h] = [
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
  ];
  const starts: Record<string, number> = {
    HOUR: Date.UTC(y, m, day, h - 1),
    DAY: Date.UTC(y, m, day - 1),
    MONTH: Date.UTC(y, m - 1, 1),
    YEAR: Date.UTC(y - 1, 0, 1),
  };
  const start = granularity ? starts[granularity] : undefined;
  return start === undefined ? [] : [new Date(start).toISOString()];
}
