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
import type { RunRow, RunStore } from '../store/RunStore';
import { groupBy } from '../../../collections/groupBy';
import type { RunAttachment } from './attachRuns';
import type { WriteBehind } from './WriteBehind';

/** What the partition step of a sweep leaves for the steps after it. */
type PartitionRefresh = {
  /** Open partitions in the window (pending, running, late, failed), judged now. */
  open: PartitionRecord[];
  /** Partitions written in this sweep. */
  written: number;
  /**
   * Every open partition in the window as stored after this step, those of
   * pipelines health no longer judges included: what the next sweep on this
   * instance starts from instead of reading them again.
   */
  stored: Map<string, PartitionRecord>;
  /** The newest stored partition's start by pipeline, after this step. */
  newest: Map<string, number>;
};

const DAY_MS = 86_400_000;

/**
 * The partition step of a sweep, in bulk: recomputes the facts of partitions
 * whose runs changed, adds the partitions that came due without any run
 * (late: the silent failure of a stopped scheduler), and re-judges every
 * open partition against the clock. Writes only what changed.
 *
 * With `dirty`, every changed run (the read was not cut at the sweep's
 * limit), a partition stored without runs, or not stored at all, has no
 * runs but these: only partitions that had runs before are read again. With
 * `previousOpen`, the open partitions the previous sweep left (this
 * instance's, none written since; updated in place and returned as
 * `stored`), they are not read again either; nor,
 * with `newest` (what the previous sweep's step returned, updated in
 * place), are partitions newer than their pipeline's newest stored one:
 * they cannot be stored.
 */
export async function refreshPartitions(options: {
  pipelines: Map<string, HealthPipeline>;
  attachment: RunAttachment;
  dirty?: RunRow[];
  previousOpen?: Map<string, PartitionRecord>;
  newest?: Map<string, number>;
  runs: RunStore;
  partitions: PartitionStore;
  /** Where the step's partition writes go. */
  writes: WriteBehind;
  now: number;
  lastSweptAt?: number;
  lookbackMs: number;
  settings: PartitionSettings;
}): Promise<PartitionRefresh> {
  const { pipelines, attachment, now, settings } = options;
  const windowStart = now - options.lookbackMs;
  let written = 0;

  const touched = attachment.touched.filter(t => {
    const p = pipelines.get(t.pipelineRef);
    return p && p.schedule.type !== 'streaming';
  });
  // A pipeline missing from `newest` (registered since it was read) is
  // looked up like any other.
  const known = options.newest;
  const mayBeStored = (key: { pipelineRef: string; start: number }) => {
    const newest = known?.get(key.pipelineRef);
    return newest === undefined || key.start <= newest;
  };
  // Each stage's read goes out before the other stage's computing.
  const storedRead = options.partitions.get(touched.filter(mayBeStored));
  storedRead.catch(() => {}); // awaited below
  const candidates = dueWithoutRuns({
    pipelines,
    firstRunPartitions: attachment.firstRunPartitions,
    skip: new Set(touched.map(t => partitionKey(t.pipelineRef, t.start))),
    from: Math.max(options.lastSweptAt ?? windowStart, windowStart),
    now,
    windowStart,
    settings,
  });
  // No write of this table is queued yet.
  const existingRead = options.partitions.existing(
    candidates
      .map(c => ({ pipelineRef: c.pipelineRef, start: c.start }))
      .filter(mayBeStored),
  );
  existingRead.catch(() => {}); // awaited below

  // 1. Partitions whose runs changed.
  const stored = await storedRead;
  const hadRuns = options.dirty
    ? touched.filter(
        t =>
          (stored.get(partitionKey(t.pipelineRef, t.start))?.facts.attempts ??
            0) > 0,
      )
    : touched;
  const runRows = await options.runs.forPartitions(
    hadRuns.map(t => ({ pipelineRef: t.pipelineRef, partitionStart: t.start })),
  );
  const runsByKey = groupBy(runRows, run =>
    partitionKey(run.pipeline_ref!, run.partition_start!),
  );
  if (options.dirty) {
    const reread = new Set(
      hadRuns.map(t => partitionKey(t.pipelineRef, t.start)),
    );
    const assigned = new Map(attachment.assignments.map(a => [a.runId, a]));
    for (const run of options.dirty) {
      const { pipelineRef, partitionStart } = assigned.get(run.run_id) ?? {
        pipelineRef: run.pipeline_ref,
        partitionStart: run.partition_start,
      };
      if (pipelineRef === null || partitionStart === null) continue;
      const key = partitionKey(pipelineRef, partitionStart);
      if (reread.has(key)) continue;
      const runs = runsByKey.get(key) ?? [];
      runs.push({
        ...run,
        pipeline_ref: pipelineRef,
        partition_start: partitionStart,
      });
      runsByKey.set(key, runs);
    }
  }
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
  const { writes } = options;
  writes.add(() => options.partitions.upsert(fromRuns, now));
  written += fromRuns.length;

  // 2. Partitions that came due since the last sweep, without any run.
  const existing = await existingRead;
  const missing = candidates.filter(
    c => !existing.has(partitionKey(c.pipelineRef, c.start)),
  );
  writes.add(() => options.partitions.insertMissing(missing, now));
  written += missing.length;

  // 3. Every open partition, against the clock.
  let open: Map<string, PartitionRecord>;
  if (options.previousOpen) {
    open = withWritten(
      options.previousOpen,
      [...fromRuns, ...missing],
      windowStart,
    );
  } else {
    await writes.flush();
    open = new Map(
      (await options.partitions.open(windowStart)).map(p => [
        partitionKey(p.pipelineRef, p.start),
        p,
      ]),
    );
  }
  const rejudged: PartitionRecord[] = [];
  const current: PartitionRecord[] = [];
  for (const [key, record] of open) {
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
    if (partitionChanged(next, record)) {
      rejudged.push(next);
      open.set(key, asStored(next));
    }
    current.push(next);
  }
  writes.add(() => options.partitions.upsert(rejudged, now));
  written += rejudged.length;

  let newest: Map<string, number>;
  if (known) {
    newest = known;
    for (const { pipelineRef, start } of [...fromRuns, ...missing]) {
      // Kept for the pipelines it was read for: of another, this sweep
      // knows what it wrote, not what was stored before.
      const before = newest.get(pipelineRef);
      if (before !== undefined && start > before) {
        newest.set(pipelineRef, start);
      }
    }
  } else {
    await writes.flush();
    newest = await options.partitions.newestByPipeline();
  }
  return {
    open: current.filter(r => OPEN_STATES.includes(r.state)),
    written,
    stored: open,
    newest,
  };
}

/** A partition as a read of the store gives it back. */
function asStored(record: PartitionRecord): PartitionRecord {
  if (record.facts.failedAt === undefined) return record;
  const { failedAt: _notStored, ...facts } = record.facts;
  return { ...record, facts };
}

/**
 * What `PartitionStore.open(windowStart)` reads after `written` were
 * written over the open partitions `open`, which it updates.
 */
function withWritten(
  open: Map<string, PartitionRecord>,
  written: PartitionRecord[],
  windowStart: number,
): Map<string, PartitionRecord> {
  for (const record of written) {
    const key = partitionKey(record.pipelineRef, record.start);
    if (OPEN_STATES.includes(record.state)) open.set(key, asStored(record));
    else open.delete(key);
  }
  for (const [key, record] of open) {
    if (record.end < windowStart) open.delete(key);
  }
  return open;
}

/**
 * The partitions whose deadline passed in `(from, now]` (over the whole
 * window for a pipeline whose runs revealed earlier activity), judged as
 * having no run, but those in `skip` (their runs changed).
 */
function dueWithoutRuns(options: {
  pipelines: Map<string, HealthPipeline>;
  firstRunPartitions: Map<string, number>;
  skip: Set<string>;
  from: number;
  now: number;
  windowStart: number;
  settings: PartitionSettings;
}): PartitionRecord[] {
  const { now, windowStart, settings } = options;
  const dueCache = new Map<string, PeriodDue[]>();
  const candidates: PartitionRecord[] = [];
  for (const pipeline of options.pipelines.values()) {
    if (pipeline.schedule.type === 'streaming') continue;
    const lowered = options.firstRunPartitions.get(pipeline.entityRef);
    const firstRunPartition =
      lowered !== undefined &&
      (pipeline.firstRunPartition === undefined ||
        lowered < pipeline.firstRunPartition)
        ? lowered
        : pipeline.firstRunPartition;
    // Runs revealed earlier activity: look at the whole window for gaps.
    const from =
      firstRunPartition !== pipeline.firstRunPartition
        ? windowStart
        : options.from;
    let due: PeriodDue[];
    try {
      due = duePeriods(pipeline, from, now, windowStart, settings, dueCache);
    } catch {
      continue; // an unreadable schedule is judged nowhere
    }
    for (const period of due) {
      if (!isJudged({ ...pipeline, firstRunPartition }, period)) continue;
      if (options.skip.has(partitionKey(pipeline.entityRef, period.start))) {
        continue;
      }
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
  return candidates;
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
