import type {
  AlertProblem,
  HealthState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { durationMs } from '../schedule/deadlines';
import type { HealthPipeline } from '../store/PipelineStore';
import type { PartitionRecord } from '../store/PartitionStore';
import type { RunRow } from '../store/RunStore';

/** One problem of one pipeline now: what an alert is about. */
export type PipelineProblem = {
  pipelineRef: string;
  problem: AlertProblem;
  state: HealthState;
  /** Start of the first partition of the problem (streams: since when). */
  partition: number;
  /** Start of its newest partition, when it spans several. */
  lastPartition?: number;
  deadline?: number;
  since: number;
  /** How long past its deadline (streams: past the staleness limit). */
  overdueMs: number;
  failureReason?: string;
};

/**
 * The newest unbroken streak of partitions in `state`: the newest one, and
 * those right before it (each ending where the next starts). An older
 * partition in that state, with landed ones between, is an earlier problem,
 * not the one going on now.
 */
export function currentStreak(
  open: PartitionRecord[],
  state: PartitionRecord['state'],
): PartitionRecord[] {
  const newestFirst = open
    .filter(p => p.state === state)
    .sort((a, b) => b.start - a.start);
  const streak = newestFirst.slice(0, 1);
  for (const p of newestFirst.slice(1)) {
    if (p.end !== streak[streak.length - 1].start) break;
    streak.push(p);
  }
  return streak.reverse();
}

/**
 * The problems of a batch pipeline: its current failure and its current
 * lateness (see currentStreak), each becoming (at most) one alert. The
 * problem starts at the streak's first partition, since that partition
 * failed (its first failed run ended) or passed its deadline, and reads the
 * newest partition's failure reason.
 */
export function batchProblems(
  pipelineRef: string,
  open: PartitionRecord[],
  now: number,
): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  for (const state of ['failed', 'late'] as const) {
    const streak = currentStreak(open, state);
    if (streak.length === 0) continue;
    const first = streak[0];
    const newest = streak[streak.length - 1];
    const failureReason =
      newest.facts.failureReason ?? first.facts.failureReason;
    problems.push({
      pipelineRef,
      problem: state,
      state,
      partition: first.start,
      lastPartition: newest.start,
      deadline: first.deadline,
      since: first.stateSince,
      overdueMs: Math.max(0, now - first.deadline),
      ...(failureReason ? { failureReason } : {}),
    });
  }
  return problems;
}

/** Freshness of a streaming pipeline, from its recent runs. */
type StreamFreshness = { lastOutputAt?: number; latestRun?: RunRow };

export function streamFreshness(runs: RunRow[]): StreamFreshness {
  let lastOutputAt: number | undefined;
  let latestRun: RunRow | undefined;
  const startOf = (r: RunRow) => r.started_at ?? r.first_event_at;
  for (const run of runs) {
    if (run.last_output_at !== null) {
      lastOutputAt = Math.max(lastOutputAt ?? 0, run.last_output_at);
    }
    if (!latestRun || startOf(run) > startOf(latestRun)) latestRun = run;
  }
  return { lastOutputAt, latestRun };
}

/**
 * A streaming pipeline is judged by its outputs' freshness: stale once no
 * output was reported for longer than its SLA, failed when its latest run
 * failed. Without any output it counts from its registration.
 */
export function streamProblems(
  pipeline: HealthPipeline,
  freshness: StreamFreshness,
  now: number,
  defaultSla: string,
): PipelineProblem[] {
  const limit = durationMs(pipeline.sla ?? defaultSla);
  const { latestRun } = freshness;
  if (
    latestRun &&
    (latestRun.state === 'FAIL' || latestRun.state === 'ABORT')
  ) {
    const since = latestRun.ended_at ?? latestRun.last_event_at;
    return [
      {
        pipelineRef: pipeline.entityRef,
        problem: 'failed',
        state: 'failed',
        partition: since,
        since,
        overdueMs: now - since,
        ...(latestRun.failure_reason
          ? { failureReason: latestRun.failure_reason }
          : {}),
      },
    ];
  }
  const freshSince = freshness.lastOutputAt ?? pipeline.registeredAt;
  const staleAt = freshSince + limit;
  if (now <= staleAt) return [];
  return [
    {
      pipelineRef: pipeline.entityRef,
      problem: 'stale',
      state: 'late',
      partition: freshSince,
      deadline: staleAt,
      since: staleAt,
      overdueMs: now - staleAt,
    },
  ];
}
