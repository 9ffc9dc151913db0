import type { Platform } from '../model/types';
import { forkRandom, hashString, Random } from '../random';
import {
  HOUR_MS,
  latestPartition,
  Partition,
  partitionClosedAt,
} from './partitions';

/** How the event stream behaves; see `generateOpenLineageEvents`. */
export interface OpenLineageEventOptions {
  /**
   * The last partition boundary of the window (a top of the hour; other
   * instants are floored to one). ISO string, Date or epoch milliseconds.
   */
  end: string | Date | number;
  /** Hour boundaries in the window, ending at `end`; default 1. */
  hours?: number;
  /**
   * `window` (default): runs as schedulers make them, downstream waiting for
   * upstream, failures and stalls blocking what depends on them.
   * `burst`: every batch pipeline's START and COMPLETE/FAIL within the minute
   * after `end`, for its latest partition (the top-of-the-hour load test).
   */
  mode?: 'window' | 'burst';
  /** Drop events after this instant: a portal replaying "up to now" sees runs in flight. */
  until?: string | Date | number;
  /** Share of batch runs that FAIL; default 0.01. Hub datasets' writers never fail. */
  failureRate?: number;
  /** Share of FAIL events with an errorMessage facet; default 0.8. */
  errorMessageRate?: number;
  /** Share of batch runs that start one to four hours late; default 0.02. */
  lateRate?: number;
  /** Share of batch pipelines whose scheduler stopped (no runs at all); default 0.002. */
  stalledRate?: number;
  /** Share of batch pipelines whose COMPLETE events carry a column-lineage facet (on every run); default 0.2. */
  columnLineageRate?: number;
  /** Ad-hoc jobs, unregistered outputs and undeclared inputs, each; default ~1 per 2,000 pipelines. */
  catalogGaps?: number;
}

/** One run (or, for streaming jobs, one heartbeat) the event stream reports. */
export interface RunPlan {
  /** Index into `platform.pipelines`, or -1 for an ad-hoc job. */
  pipeline: number;
  /** Index into the ad-hoc jobs, for pipeline -1. */
  adhoc?: number;
  partition: Partition;
  runId: string;
  startMs: number;
  /** When the terminal event is sent; equals startMs for streaming heartbeats. */
  endMs: number;
  /** START + COMPLETE/FAIL for batch runs; one START or RUNNING event for streaming jobs. */
  outcome: 'COMPLETE' | 'FAIL' | 'START' | 'RUNNING';
  /** Seed of this run's own randomness (facets), so events need no shared state. */
  seed: number;
}

const MINUTE_MS = 60_000;

/** A UUIDv7 (time-ordered, as OpenLineage recommends for run ids) from a time and randomness. */
export function uuidV7(ms: number, random: Random): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  const bits = [random.uint32(), random.uint32(), random.uint32()]
    .map(n => n.toString(16).padStart(8, '0'))
    .join('');
  const variant = (8 + (parseInt(bits[3], 16) & 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${bits.slice(
    0,
    3,
  )}-${variant}${bits.slice(4, 7)}-${bits.slice(7, 19)}`;
}

/** Floors any instant to the top of its hour. */
export function toBoundary(value: string | Date | number): number {
  const ms = typeof value === 'number' ? value : new Date(value).getTime();
  if (Number.isNaN(ms)) throw new Error(`Not a time: ${String(value)}`);
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

function runRandom(
  seed: number,
  pipeline: number,
  partition: Partition,
): Random {
  return forkRandom(seed, 'run', pipeline, partition.start, partition.end);
}

function batchDuration(random: Random, schedule: string): number {
  const median = schedule === 'hourly' ? 4 : 15;
  return (
    random.logNormal(median, 0.8, 0.5, schedule === 'hourly' ? 50 : 180) *
    MINUTE_MS
  );
}

/** Every batch pipeline's latest partition, started and finished within the minute after `end`. */
export function* burstRunPlans(
  platform: Platform,
  endMs: number,
  failureRate: number,
): Generator<RunPlan[]> {
  const { seed } = platform.options;
  const hubWriters = new Set(
    platform.hubs.map(h => platform.endpoints[h].writer),
  );
  const partitions = new Map<string, Partition>();
  const plans: RunPlan[] = [];
  platform.pipelines.forEach((pipeline, p) => {
    if (pipeline.schedule === 'streaming') return;
    const key = `${pipeline.schedule}|${pipeline.cron}|${pipeline.timezone}`;
    let partition = partitions.get(key);
    if (!partition) {
      partition = latestPartition(pipeline, endMs);
      partitions.set(key, partition);
    }
    const random = runRandom(seed, p, partition);
    const startMs = endMs + random.int(0, 30_000);
    plans.push({
      pipeline: p,
      partition,
      runId: uuidV7(startMs, random),
      startMs,
      endMs: startMs + random.int(1_000, 29_000),
      outcome:
        !hubWriters.has(p) && random.chance(failureRate) ? 'FAIL' : 'COMPLETE',
      seed: random.uint32(),
    });
  });
  yield plans;
}

/**
 * Runs per hour boundary of the window, in pipeline (topological) order, the
 * way a scheduler with sensors makes them: a run starts after its inputs'
 * runs of the same boundary landed; one whose upstream failed or never ran
 * does not start (it will be late); stalled pipelines never run.
 */
export function* windowRunPlans(
  platform: Platform,
  endMs: number,
  hours: number,
  rates: { failureRate: number; lateRate: number; stalledRate: number },
  adhocJobs: number,
): Generator<RunPlan[]> {
  const { seed } = platform.options;
  const { pipelines, endpoints } = platform;
  const hubWriters = new Set(platform.hubs.map(h => endpoints[h].writer));
  const stalledRandom = forkRandom(seed, 'stalled');
  const stalled = pipelines.map(
    (p, i) =>
      p.layer > 1 &&
      !hubWriters.has(i) &&
      stalledRandom.chance(rates.stalledRate),
  );
  const failed = new Uint8Array(pipelines.length);
  const lastBoundary = new Float64Array(pipelines.length);
  const landedAt = new Float64Array(pipelines.length);
  const firstBoundary = endMs - (hours - 1) * HOUR_MS;
  const windowStart = firstBoundary - HOUR_MS;
  const adhocPeriod = Math.min(6, hours);

  for (let b = 0; b < hours; b++) {
    const boundary = firstBoundary + b * HOUR_MS;
    const plans: RunPlan[] = [];
    pipelines.forEach((pipeline, p) => {
      if (pipeline.schedule === 'streaming') {
        // One long-running job: START before the window, a heartbeat per hour.
        const partition = { start: windowStart, end: endMs };
        const random = forkRandom(seed, 'stream', p, windowStart);
        const runId = uuidV7(windowStart, random);
        if (b === 0) {
          plans.push({
            pipeline: p,
            partition,
            runId,
            startMs: windowStart,
            endMs: windowStart,
            outcome: 'START',
            seed: random.uint32(),
          });
        }
        const at =
          boundary +
          random.int(1, 3) * MINUTE_MS +
          (hashString(String(b), p) % 30_000);
        plans.push({
          pipeline: p,
          partition,
          runId,
          startMs: at,
          endMs: at,
          outcome: 'RUNNING',
          seed: random.uint32(),
        });
        return;
      }
      const partition = partitionClosedAt(pipeline, boundary);
      if (!partition) return;
      lastBoundary[p] = boundary;
      let ready = boundary;
      let blocked = stalled[p];
      for (const input of pipeline.inputs) {
        const writer = endpoints[input].writer;
        if (writer < 0 || lastBoundary[writer] !== boundary) continue;
        if (failed[writer]) blocked = true;
        else ready = Math.max(ready, landedAt[writer]);
      }
      if (blocked) {
        failed[p] = 1;
        return;
      }
      const random = runRandom(seed, p, partition);
      let startMs =
        ready +
        random.int(1, pipeline.schedule === 'daily' ? 30 : 4) * MINUTE_MS;
      if (random.chance(rates.lateRate))
        startMs += random.int(60, 240) * MINUTE_MS;
      startMs += random.int(0, 59_999);
      const runEnd = startMs + batchDuration(random, pipeline.schedule);
      const outcome =
        !hubWriters.has(p) && random.chance(rates.failureRate)
          ? 'FAIL'
          : 'COMPLETE';
      failed[p] = outcome === 'FAIL' ? 1 : 0;
      landedAt[p] = runEnd;
      plans.push({
        pipeline: p,
        partition,
        runId: uuidV7(startMs, random),
        startMs,
        endMs: Math.round(runEnd),
        outcome,
        seed: random.uint32(),
      });
    });
    for (let j = 0; j < adhocJobs; j++) {
      if ((b + j) % adhocPeriod !== 0) continue;
      const partition = {
        start: boundary - adhocPeriod * HOUR_MS,
        end: boundary,
      };
      const random = forkRandom(seed, 'adhoc', j, boundary);
      const startMs = boundary + random.int(5, 50) * MINUTE_MS;
      plans.push({
        pipeline: -1,
        adhoc: j,
        partition,
        runId: uuidV7(startMs, random),
        startMs,
        endMs: startMs + random.int(1, 20) * MINUTE_MS,
        outcome: 'COMPLETE',
        seed: random.uint32(),
      });
    }
    yield plans;
  }
}
