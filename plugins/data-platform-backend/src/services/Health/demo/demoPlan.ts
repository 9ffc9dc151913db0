import { createHash } from 'node:crypto';
import { deadlineOf } from '../schedule/deadlines';
import { calendarFor, Period } from '../schedule/periods';
import type { HealthPipelineRecord } from '../store/PipelineStore';
import { groupBy } from '../../../collections/groupBy';

/** One run the demo platform's schedulers make. */
export type DemoRun = {
  pipelineRef: string;
  runId: string;
  period?: Period;
  attempt: number;
  startMs: number;
  /** When its terminal event happens; absent for a stream's long run. */
  endMs?: number;
  outcome: 'COMPLETE' | 'FAIL' | 'RUNNING';
  parentRunId?: string;
};

/** What the demo scenario looks like, fixed when the feeder starts. */
export type DemoScenario = {
  /** Batch pipelines stop running for periods ending after this. */
  stalledAfter: Map<string, number>;
  /** Pipelines whose runs fail for periods ending at or after this. */
  failingFrom: Map<string, number>;
};

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** A stalled scheduler stopped at most this long ago. */
const MAX_STALL = 36 * HOUR;

/** A stable number in [0, 1) from text (jitter, durations). */
export function unit(...parts: (string | number)[]): number {
  const hash = createHash('sha256').update(parts.join('|')).digest();
  return hash.readUInt32BE(0) / 2 ** 32;
}

/** A stable UUID (v4 layout) from text, so replays produce the same events. */
function stableUuid(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Pipe = HealthPipelineRecord;

/**
 * Writers of each endpoint (declared outputs) and the pipelines in an order
 * where every pipeline comes after the writers of its inputs.
 */
function topology(pipelines: Pipe[]) {
  const writers = groupBy(
    pipelines.flatMap(p => p.outputs.map(output => ({ output, p }))),
    w => w.output,
    w => w.p.entityRef,
  );
  const byRef = new Map(pipelines.map(p => [p.entityRef, p]));
  const upstream = (p: Pipe) =>
    [...new Set(p.inputs.flatMap(i => writers.get(i) ?? []))].filter(
      r => r !== p.entityRef,
    );
  const ordered: Pipe[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: Pipe) => {
    if (state.get(p.entityRef)) return;
    state.set(p.entityRef, 'visiting');
    for (const ref of upstream(p)) {
      const u = byRef.get(ref);
      if (u && !state.get(ref)) visit(u);
    }
    state.set(p.entityRef, 'done');
    ordered.push(p);
  };
  pipelines.forEach(visit);
  return { ordered, upstream };
}

/**
 * The scenario for `now`: each stalled pipeline stopped early enough that it
 * is late itself and that the latest due partition of every pipeline reading
 * it misses data (so those are late, caused by it); each failing pipeline
 * fails from the partition before its latest ended one on, so that a failed
 * partition exists at any time of day (the latest one's runs may be yet to
 * come, in the first hour after a daily period ends).
 */
export function demoScenario(
  pipelines: Pipe[],
  settings: { stalled: string[]; failing: string[]; defaultSla: string },
  now: number,
): DemoScenario {
  const { upstream } = topology(pipelines);
  const stalledAfter = new Map<string, number>();
  for (const ref of settings.stalled) {
    const stalled = pipelines.find(p => p.entityRef === ref);
    if (!stalled || stalled.schedule.type === 'streaming') continue;
    const own = latestDuePeriod(stalled, now, settings.defaultSla);
    let stopAt = own ? own.start : now - 3 * HOUR;
    for (const downstream of pipelines.filter(p => upstream(p).includes(ref))) {
      const due = latestDuePeriod(downstream, now, settings.defaultSla);
      // Daily readers at most; a weekly report need not wait for the demo.
      if (due && due.end - HOUR >= now - MAX_STALL)
        stopAt = Math.min(stopAt, due.end - HOUR);
    }
    stalledAfter.set(ref, stopAt);
  }
  const failingFrom = new Map<string, number>();
  for (const ref of settings.failing) {
    const failing = pipelines.find(p => p.entityRef === ref);
    if (!failing || failing.schedule.type === 'streaming') continue;
    const calendar = calendarFor({
      ...failing.schedule,
      type: failing.schedule.type,
    });
    const latestEnded = calendar.periodAt(calendar.periodAt(now).start - 1);
    failingFrom.set(ref, calendar.periodAt(latestEnded.start - 1).start);
  }
  return { stalledAfter, failingFrom };
}

function latestDuePeriod(
  p: Pipe,
  now: number,
  defaultSla: string,
): Period | undefined {
  if (p.schedule.type === 'streaming') return undefined;
  const calendar = calendarFor({ ...p.schedule, type: p.schedule.type });
  let period = calendar.periodAt(now);
  for (let i = 0; i < 400; i++) {
    if (deadlineOf(period, p.sla ?? defaultSla, p.schedule.timezone) <= now)
      return period;
    period = calendar.periodAt(period.start - 1);
  }
  return undefined;
}

/**
 * Every run the demo platform made from `from` to `now`, the way schedulers
 * with sensors make them: a batch run starts a few minutes after its period
 * ends and its inputs' overlapping partitions landed; it does not start while
 * one of them is missing or failed (so it turns late, caused upstream);
 * failing pipelines fail twice per partition; streams run continuously.
 */
export function demoRuns(
  pipelines: Pipe[],
  scenario: DemoScenario,
  from: number,
  now: number,
): DemoRun[] {
  const { ordered, upstream } = topology(pipelines);
  const runs: DemoRun[] = [];
  const landed = new Map<string, { period: Period; landedAt?: number }[]>();

  for (const p of ordered) {
    const ref = p.entityRef;
    if (p.schedule.type === 'streaming') {
      runs.push({
        pipelineRef: ref,
        runId: stableUuid(ref, 'stream', from),
        attempt: 1,
        startMs: from,
        outcome: 'RUNNING',
      });
      continue;
    }
    const calendar = calendarFor({ ...p.schedule, type: p.schedule.type });
    const outcomes: { period: Period; landedAt?: number }[] = [];
    for (const period of calendar.periodsEndingIn(from, now)) {
      const stalledAfter = scenario.stalledAfter.get(ref);
      if (stalledAfter !== undefined && period.end > stalledAfter) continue;
      let ready = period.end;
      let blocked = false;
      for (const u of upstream(p)) {
        for (const part of landed.get(u) ?? []) {
          if (
            part.period.end <= period.start ||
            part.period.start >= period.end
          )
            continue;
          if (part.period.end > period.end) continue; // not due for this period
          if (part.landedAt === undefined) blocked = true;
          else ready = Math.max(ready, part.landedAt);
        }
        const uPipe = pipelines.find(x => x.entityRef === u);
        const uStalled = scenario.stalledAfter.get(u);
        if (uPipe && uStalled !== undefined && uStalled < period.end)
          blocked = true;
      }
      if (blocked) {
        outcomes.push({ period });
        continue;
      }
      const hourly = p.schedule.type === 'hourly';
      const startMs = Math.round(
        ready + (1 + unit(ref, period.start, 'delay') * 4) * MINUTE,
      );
      const durationMs = Math.round(
        (hourly
          ? 3 + unit(ref, period.start, 'd') * 6
          : 8 + unit(ref, period.start, 'd') * 20) * MINUTE,
      );
      const failingFrom = scenario.failingFrom.get(ref);
      const fails = failingFrom !== undefined && period.start >= failingFrom;
      const parentRunId = stableUuid(ref, period.start, 'dag-run');
      runs.push({
        pipelineRef: ref,
        runId: stableUuid(ref, period.start, 1),
        period,
        attempt: 1,
        startMs,
        endMs: startMs + durationMs,
        outcome: fails ? 'FAIL' : 'COMPLETE',
        parentRunId,
      });
      if (fails) {
        // The scheduler retries once, ten minutes later; it fails again.
        const retryStart = startMs + durationMs + 10 * MINUTE;
        runs.push({
          pipelineRef: ref,
          runId: stableUuid(ref, period.start, 2),
          period,
          attempt: 2,
          startMs: retryStart,
          endMs: retryStart + Math.round(durationMs / 2),
          outcome: 'FAIL',
          parentRunId,
        });
        outcomes.push({ period });
      } else {
        outcomes.push({ period, landedAt: startMs + durationMs });
      }
    }
    landed.set(ref, outcomes);
  }
  return runs;
}
