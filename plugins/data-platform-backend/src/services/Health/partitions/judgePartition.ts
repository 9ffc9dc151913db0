import type {
  PartitionState,
  RunState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { RunRow } from '../store/RunStore';

/** What the runs of one partition add up to. */
export type PartitionFacts = {
  attempts: number;
  latestRunId?: string;
  latestRunState?: RunState;
  /** Failure reason of the latest run, when it failed. */
  failureReason?: string;
  /** End of the first COMPLETE run. */
  landedAt?: number;
  /** Start of the run that landed it. */
  landingRunStartedAt?: number;
  /**
   * When the first failed run ended, while the latest run failed: when the
   * failure began. Known when judged from runs (it sets the failed state's
   * `stateSince`), not stored.
   */
  failedAt?: number;
};

/** A run as the facts need it. */
type RunSummary = {
  runId: string;
  state: RunState;
  startedAt?: number;
  /** Earliest event seen of the run: the start when no START arrived. */
  firstEventAt: number;
  endedAt?: number;
  failureReason?: string;
};

const FAILED: RunState[] = ['FAIL', 'ABORT'];

/** Attempts, the latest run and the landing of a partition, from its stored runs. */
export function storedPartitionFacts(rows: RunRow[]): PartitionFacts {
  return partitionFacts(
    rows.map(r => ({
      runId: r.run_id,
      state: r.state,
      startedAt: r.started_at ?? undefined,
      firstEventAt: r.first_event_at,
      endedAt: r.ended_at ?? undefined,
      failureReason: r.failure_reason ?? undefined,
    })),
  );
}

function partitionFacts(runs: RunSummary[]): PartitionFacts {
  if (runs.length === 0) return { attempts: 0 };
  const startOf = (r: RunSummary) => r.startedAt ?? r.firstEventAt;
  const ordered = [...runs].sort(
    (a, b) => startOf(a) - startOf(b) || a.runId.localeCompare(b.runId),
  );
  const latest = ordered[ordered.length - 1];
  let landing: RunSummary | undefined;
  for (const run of ordered) {
    if (run.state !== 'COMPLETE' || run.endedAt === undefined) continue;
    if (!landing || run.endedAt < landing.endedAt!) landing = run;
  }
  const failedAt = FAILED.includes(latest.state)
    ? Math.min(
        ...ordered
          .filter(r => FAILED.includes(r.state))
          .map(r => r.endedAt ?? r.firstEventAt),
      )
    : undefined;
  return {
    attempts: ordered.length,
    latestRunId: latest.runId,
    ...(failedAt !== undefined ? { failedAt } : {}),
    latestRunState: latest.state,
    ...(FAILED.includes(latest.state) && latest.failureReason
      ? { failureReason: latest.failureReason }
      : {}),
    ...(landing
      ? { landedAt: landing.endedAt, landingRunStartedAt: startOf(landing) }
      : {}),
  };
}

/** The settings a judgement depends on besides the partition. */
export type JudgeOptions = {
  /** A landing run started this long after the period end is a backfill. */
  backfillAfterMs: number;
};

/** Where a partition stands, and how late it is or was. */
type Judgement = { state: PartitionState; lateByMs?: number };

/**
 * Judges a partition against its deadline at `now`. Landed is final (a
 * later failed re-run does not unland data), a failed latest run counts as
 * failed whatever the deadline, and a partition past its deadline without a
 * landing is late, whether a run is under way or none ever started.
 */
export function judgePartition(
  facts: PartitionFacts,
  period: { end: number; deadline: number },
  now: number,
  options: JudgeOptions,
): Judgement {
  if (facts.landedAt !== undefined) {
    if (
      facts.landingRunStartedAt !== undefined &&
      facts.landingRunStartedAt - period.end >= options.backfillAfterMs
    ) {
      return { state: 'backfilled' };
    }
    if (facts.landedAt <= period.deadline) return { state: 'landed_on_time' };
    return { state: 'landed_late', lateByMs: facts.landedAt - period.deadline };
  }
  const lateByMs = now > period.deadline ? now - period.deadline : undefined;
  if (facts.latestRunState && FAILED.includes(facts.latestRunState)) {
    return { state: 'failed', ...(lateByMs ? { lateByMs } : {}) };
  }
  if (lateByMs) return { state: 'late', lateByMs };
  if (facts.latestRunState === 'RUNNING') return { state: 'running' };
  return { state: 'pending' };
}

/** States a later run or the passing of a deadline can still change. */
export const OPEN_STATES: PartitionState[] = [
  'pending',
  'running',
  'late',
  'failed',
];
