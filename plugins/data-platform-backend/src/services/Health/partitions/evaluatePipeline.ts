import { calendarFor, Period } from '../schedule/periods';
import type { HealthPipeline } from '../store/PipelineStore';
import { partitionKey, PartitionRecord } from '../store/PartitionStore';
import type { RunRow } from '../store/RunStore';
import { groupBy } from '../../../collections/groupBy';
import { storedPartitionFacts } from './judgePartition';
import {
  isJudged,
  judgeStoredPartition,
  PartitionSettings,
  periodWithDeadline,
} from './judgeStoredPartition';
import { partitionOfRun, storedRunTiming } from './runPartition';

/** How many periods back the Health tab shows, per schedule. */
export function windowPeriods(pipeline: HealthPipeline): number {
  return pipeline.schedule.type === 'hourly' ? 48 : 30;
}

/** Start of the window of `count` periods ending with the one containing `now`. */
export function windowStart(
  pipeline: HealthPipeline,
  count: number,
  now: number,
): number {
  const { schedule } = pipeline;
  if (schedule.type === 'streaming') return now - 2 * 86_400_000;
  const calendar = calendarFor({ ...schedule, type: schedule.type });
  let period: Period = calendar.periodAt(now);
  for (let i = 1; i < count; i++) period = calendar.periodAt(period.start - 1);
  return period.start;
}

/**
 * Evaluates one pipeline's partitions from `from` to `now` from its runs:
 * every period of its schedule, judged against its deadline (late also
 * without any run, where it is judged at all; pending when not due), with the
 * root cause and since-when carried over from the stored partitions. Runs the
 * sweep has not attached yet count too, by their job identity.
 */
export function evaluatePipeline(
  pipeline: HealthPipeline,
  runs: RunRow[],
  stored: PartitionRecord[],
  from: number,
  now: number,
  settings: PartitionSettings,
): PartitionRecord[] {
  const { schedule } = pipeline;
  if (schedule.type === 'streaming') return [];
  const calendar = calendarFor({ ...schedule, type: schedule.type });
  const runsByStart = groupBy(
    runs.flatMap(run => {
      const start =
        run.partition_start ??
        partitionOfRun(pipeline, storedRunTiming(run))?.start;
      return start === undefined ? [] : [{ start, run }];
    }),
    r => r.start,
    r => r.run,
  );
  const storedByKey = new Map(
    stored.map(p => [partitionKey(p.pipelineRef, p.start), p]),
  );

  const starts = new Set<number>([
    ...runsByStart.keys(),
    ...stored.map(p => p.start),
  ]);
  for (
    let p = calendar.periodAt(from);
    p.start <= now;
    p = calendar.periodAt(p.end)
  ) {
    starts.add(p.start);
  }
  const evaluated: PartitionRecord[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    if (start < from) continue;
    const period = periodWithDeadline(pipeline, start, settings);
    const partitionRuns = runsByStart.get(start) ?? [];
    const previous = storedByKey.get(partitionKey(pipeline.entityRef, start));
    if (
      partitionRuns.length === 0 &&
      !previous &&
      period.deadline <= now &&
      !isJudged(pipeline, period)
    ) {
      continue; // before health knew the pipeline: no verdict
    }
    const facts = storedPartitionFacts(partitionRuns);
    evaluated.push(
      judgeStoredPartition(
        pipeline.entityRef,
        period,
        facts,
        previous,
        now,
        settings,
      ),
    );
  }
  return evaluated;
}
