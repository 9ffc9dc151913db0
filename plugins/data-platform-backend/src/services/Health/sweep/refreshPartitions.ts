import {
  OPEN_STATES,
  storedPartitionFacts,
} from '../partitions/judgePartition';
import {
  isJudged,
  judgeStoredPartition,
  partitionChanged,
  PartitionSettings,
  periodWithDeadline,
} from '../partitions/judgeStoredPartition';
import { deadlineOf } from '../schedule/deadlines';
import { calendarFor, scheduleKey } from '../schedule/periods';
import type { HealthPipeline } from '../store/PipelineStore';
import {
  partitionKey,
  PartitionRecord,
  PartitionStore,
} from '../store/PartitionStore';
import { RunStore } from '../store/RunStore';
import { groupBy } from '../../../collections/groupBy';
import type { RunAttachment } from './attachRuns';

/** What the partition step of a sweep leaves for the steps after it. */
type PartitionRefresh = {
  /** Open partitions in the window (pending, running, late, failed), judged now. */
  open: PartitionRecord[];
  /** Partitions written in this sweep. */
  written: number;
};

const DAY_MS = 86_400_000;

/**
 * The partition step of a sweep, in bulk: recomputes the facts of partitions
 * whose runs changed, adds the partitions that came due without any run
 * (late: the silent failure of a stopped scheduler), and re-judges every
 * open partition against the clock. Writes only what changed.
 */
export async function refreshPartitions(options: {
  pipelines: Map<string, HealthPipeline>;
  attachment: RunAttachment;
  runs: RunStore;
  partitions: PartitionStore;
  now: number;
  lastSweptAt?: number;
  lookbackMs: number;
  settings: PartitionSettings;
}): Promise<PartitionRefresh> {
  const { pipelines, attachment, now, settings } = options;
  const windowStart = now - options.lookbackMs;
  let written = 0;

  // 1. Partitions whose runs changed.
  const touched = attachment.touched.filter(t => {
    const p = pipelines.get(t.pipelineRef);
    return p && p.schedule.type !== 'streaming';
  });
  const [runRows, stored] = await Promise.all([
    options.runs.forPartitions(
      touched.map(t => ({
        pipelineRef: t.pipelineRef,
        partitionStart: t.start,
      })),
    ),
    options.partitions.get(touched),
  ]);
  const runsByKey = groupBy(runRows, run =>
    partitionKey(run.pipeline_ref!, run.partition_start!),
  );
  const fromRuns: PartitionRecord[] = [];
  for (const t of touched) {
    const pipeline = pipelines.get(t.pipelineRef)!;
    const key = partitionKey(t.pipelineRef, t.start);
    const facts = storedPartitionFacts(runsByKey.get(key) ?? []);
    const previous = stored.get(key);
    if (facts.attempts === 0 && !previous) continue;
    const period = periodWithDeadline(pipeline, t.start, settings);
    const record = judgeStoredPartition(
      t.pipelineRef,
      period,
      facts,
      previous,
      now,
      settings,
    );
    if (!partitionChanged(record, previous)) continue;
    fromRuns.push(record);
  }
  await options.partitions.upsert(fromRuns, now);
  written += fromRuns.length;

  // 2. Partitions that came due since the last sweep, without any run.
  const dueFrom = Math.max(options.lastSweptAt ?? windowStart, windowStart);
  const dueCache = new Map<string, PeriodDue[]>();
  const candidates: PartitionRecord[] = [];
  const skip = new Set(touched.map(t => partitionKey(t.pipelineRef, t.start)));
  for (const pipeline of pipelines.values()) {
    if (pipeline.schedule.type === 'streaming') continue;
    const lowered = attachment.firstRunPartitions.get(pipeline.entityRef);
    const firstRunPartition =
      lowered !== undefined &&
      (pipeline.firstRunPartition === undefined ||
        lowered < pipeline.firstRunPartition)
        ? lowered
        : pipeline.firstRunPartition;
    // Runs revealed earlier activity: look at the whole window for gaps.
    const from =
      firstRunPartition !== pipeline.firstRunPartition ? windowStart : dueFrom;
    let due: PeriodDue[];
    try {
      due = duePeriods(pipeline, from, now, windowStart, settings, dueCache);
    } catch {
      continue; // an unreadable schedule is judged nowhere
    }
    for (const period of due) {
      if (!isJudged({ ...pipeline, firstRunPartition }, period)) continue;
      if (skip.has(partitionKey(pipeline.entityRef, period.start))) continue;
      candidates.push(
        judgeStoredPartition(
          pipeline.entityRef,
          period,
          { attempts: 0 },
          undefined,
          now,
          settings,
        ),
      );
    }
  }
  const existing = await options.partitions.existing(
    candidates.map(c => ({ pipelineRef: c.pipelineRef, start: c.start })),
  );
  const missing = candidates.filter(
    c => !existing.has(partitionKey(c.pipelineRef, c.start)),
  );
  await options.partitions.insertMissing(missing, now);
  written += missing.length;

  // 3. Every open partition, against the clock.
  const open = await options.partitions.open(windowStart);
  const rejudged: PartitionRecord[] = [];
  const current: PartitionRecord[] = [];
  for (const record of open) {
    const pipeline = pipelines.get(record.pipelineRef);
    if (!pipeline || pipeline.schedule.type === 'streaming') continue;
    const next = judgeStoredPartition(
      record.pipelineRef,
      { start: record.start, end: record.end, deadline: record.deadline },
      record.facts,
      record,
      now,
      settings,
    );
    if (partitionChanged(next, record)) rejudged.push(next);
    current.push(next);
  }
  await options.partitions.upsert(rejudged, now);
  written += rejudged.length;

  return {
    open: current.filter(r => OPEN_STATES.includes(r.state)),
    written,
  };
}

type PeriodDue = { start: number; end: number; deadline: number };

/** Periods of a pipeline whose deadline passed in `(from, now]`, within the window. */
function duePeriods(
  pipeline: HealthPipeline,
  from: number,
  now: number,
  windowStart: number,
  settings: PartitionSettings,
  cache: Map<string, PeriodDue[]>,
): PeriodDue[] {
  const schedule = pipeline.schedule;
  if (schedule.type === 'streaming') return [];
  const sla = pipeline.sla ?? settings.defaultSla;
  const key = `${scheduleKey({
    ...schedule,
    type: schedule.type,
  })}|${sla}|${from}`;
  let due = cache.get(key);
  if (!due) {
    const calendar = calendarFor({ ...schedule, type: schedule.type });
    // Deadlines come after period ends: start looking one SLA (and a day of
    // calendar slack) before `from`.
    const slaProbe =
      deadlineOf({ start: 0, end: from }, sla, schedule.timezone) - from;
    const searchFrom = Math.max(windowStart - DAY_MS, from - slaProbe - DAY_MS);
    due = calendar
      .periodsEndingIn(searchFrom, now)
      .map(p => ({ ...p, deadline: deadlineOf(p, sla, schedule.timezone) }))
      .filter(
        p => p.deadline > from && p.deadline <= now && p.end >= windowStart,
      );
    cache.set(key, due);
  }
  return due;
}
