import {
  CRON_SCHEDULES,
  cronFiresAt,
  localHour,
  previousCronFire,
  previousLocalMidnight,
} from '../model/schedules';
import type { PipelineModel } from '../model/types';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A partition period: start included, end excluded. */
export interface Partition {
  start: number;
  end: number;
}

/**
 * The partition a batch pipeline's schedule closes at `boundaryMs` (a top of
 * the hour), or undefined when it does not fire then. Hourly pipelines close
 * the past hour; daily ones the past (local) day at (local) midnight; cron
 * ones the period since their previous fire.
 */
export function partitionClosedAt(
  pipeline: PipelineModel,
  boundaryMs: number,
): Partition | undefined {
  switch (pipeline.schedule) {
    case 'hourly':
      return { start: boundaryMs - HOUR_MS, end: boundaryMs };
    case 'daily':
      if (!pipeline.timezone) {
        return boundaryMs % DAY_MS === 0
          ? { start: boundaryMs - DAY_MS, end: boundaryMs }
          : undefined;
      }
      return localHour(boundaryMs, pipeline.timezone) === 0
        ? {
            start: previousLocalMidnight(boundaryMs, pipeline.timezone),
            end: boundaryMs,
          }
        : undefined;
    case 'cron': {
      const { cron } = CRON_SCHEDULES[pipeline.cron!];
      return cronFiresAt(cron, boundaryMs)
        ? { start: previousCronFire(cron, boundaryMs), end: boundaryMs }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** The latest partition a batch pipeline closed at or before `atMs`. */
export function latestPartition(
  pipeline: PipelineModel,
  atMs: number,
): Partition {
  let boundary = Math.floor(atMs / HOUR_MS) * HOUR_MS;
  // Monthly crons are the sparsest schedule: at most 31 days back.
  for (let i = 0; i < 32 * 24; i++, boundary -= HOUR_MS) {
    const partition = partitionClosedAt(pipeline, boundary);
    if (partition) return partition;
  }
  return { start: boundary - HOUR_MS, end: boundary };
}
