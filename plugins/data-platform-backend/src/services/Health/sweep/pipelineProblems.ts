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
  /** Start of the earliest affected partition (streams: since when). */
  partition: number;
  deadline?: number;
  since: number;
  /** How long past its deadline (streams: past the staleness limit). */
  overdueMs: number;
  failureReason?: string;
};

/**
 * The problems of a batch pipeline: the earliest failed and the earliest
 * late partition among its open ones, each becoming (at most) one alert.
 */
export function batchProblems(
  pipelineRef: string,
  open: PartitionRecord[],
  now: number,
): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  for (const state of ['failed', 'late'] as const) {
    const earliest = open
      .filter(p => p.state === state)
      .sort((a, b) => a.start - b.start)[0];
    if (!earliest) continue;
    problems.push({
      pipelineRef,
      problem: state,
      state,
      partition: earliest.start,
      deadline: earliest.deadline,
      since: earliest.stateSince,
      overdueMs: Math.max(0, now - earliest.deadline),
      ...(earliest.facts.failureReason
        ? { failureReason: earliest.facts.failureReason }
        : {}),
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
