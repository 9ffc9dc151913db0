import type {
  PartitionStatus,
  PipelineScheduleType,
} from '@dataplatform/backstage-plugin-data-platform-common';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The period a grid cell stands for. */
export type GridGranularity = 'hour' | 'day';

/** What the partition grid covers: the last 48 hours, or the last 30 days. */
export const GRID_WINDOW: Record<
  GridGranularity,
  { step: number; count: number; label: string }
> = {
  hour: { step: HOUR, count: 48, label: 'last 48 hours' },
  day: { step: DAY, count: 30, label: 'last 30 days' },
};

/**
 * Hourly schedules get an hourly grid, daily ones a daily grid; a cron
 * schedule is judged by the spacing of its partitions (a cron every hour is
 * an hourly pipeline). Streaming pipelines have no partitions to show.
 */
export function gridGranularity(
  scheduleType: PipelineScheduleType | undefined,
  partitions: PartitionStatus[],
): GridGranularity | undefined {
  if (scheduleType === 'streaming') return undefined;
  if (scheduleType === 'hourly') return 'hour';
  if (scheduleType === 'daily') return 'day';
  const starts = partitions
    .map(p => Date.parse(p.partition))
    .sort((a, b) => a - b);
  const gaps = starts
    .slice(1)
    .map((start, i) => start - starts[i])
    .filter(gap => gap > 0);
  if (gaps.length === 0) return 'day';
  const median = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  return median < 2 * HOUR ? 'hour' : 'day';
}

/** One cell of the grid: a period, and its partition when the backend has one. */
export type PartitionSlot = { start: number; partition?: PartitionStatus };

/**
 * The periods of the grid's window, oldest first, each with its partition.
 * Periods are aligned like the pipeline's own partitions (a daily pipeline in
 * Europe/Stockholm starts its days at 23:00 UTC), and a partition is matched
 * to the nearest period within half a step, so a DST shift of an hour does
 * not drop a day. A period without a partition is shown as such: the
 * backend reports late partitions even without runs, so a gap means no data.
 */
export function partitionSlots(
  partitions: PartitionStatus[],
  granularity: GridGranularity,
  now: number = Date.now(),
): PartitionSlot[] {
  const { step, count } = GRID_WINDOW[granularity];
  const starts = partitions
    .map(p => ({ start: Date.parse(p.partition), partition: p }))
    .filter(p => !Number.isNaN(p.start) && p.start <= now)
    .sort((a, b) => a.start - b.start);
  const latest = starts[starts.length - 1]?.start;
  const phase = latest === undefined ? 0 : ((latest % step) + step) % step;
  const current = Math.floor((now - phase) / step) * step + phase;

  const slots: PartitionSlot[] = [];
  for (let i = count - 1; i >= 0; i--) {
    slots.push({ start: current - i * step });
  }
  for (const { start, partition } of starts) {
    const index = Math.round((start - slots[0].start) / step);
    const slot = slots[index];
    if (slot && Math.abs(slot.start - start) <= step / 2) {
      // the newest report for a period wins
      slot.partition = partition;
    }
  }
  return slots;
}
