import { isProblemState } from '@dataplatform/backstage-plugin-data-platform-common';
import type { DesiredAlert } from '../alerts/planAlerts';
import { SEVERITY_RANK, severityOf } from '../alerts/severity';
import type { BadDataProblem } from '../badData/findBadData';
import { badPartition, judgeBadData } from '../badData/judgeBadData';
import type { HealthSettings } from '../healthSettings';
import type { ReadersCache } from '../rootCause/downstreamReaders';
import { ProblemPartition, rootCauseFinder } from '../rootCause/findRootCause';
import type { UpstreamCache } from '../rootCause/upstreamPipelines';
import { AlertRecord, openKey } from '../store/AlertStore';
import type { HealthPipeline, PipelineStatus } from '../store/PipelineStore';
import type { PartitionRecord } from '../store/PartitionStore';
import type { RunRow } from '../store/RunStore';
import { groupBy } from '../../../collections/groupBy';
import {
  batchProblems,
  PipelineProblem,
  streamFreshness,
  streamProblems,
} from './pipelineProblems';

/** What judging the pipelines leaves for the alert and status steps. */
type PipelineJudgement = {
  desiredAlerts: DesiredAlert[];
  /** Open partitions whose root cause changed. */
  partitionsWithNewRootCause: PartitionRecord[];
  /** Status changes, once the live alerts are known. */
  withAlerts(
    live: AlertRecord[],
  ): { pipeline: HealthPipeline; status: PipelineStatus }[];
};

const STATUS_ORDER: Partial<Record<PipelineProblem['problem'], number>> = {
  failed: 0,
  bad_data: 1,
};

/**
 * Failed, then bad data (consumers already read it), then late/stale; then
 * the one that started first, then the earliest partition.
 */
function worstFirst(a: PipelineProblem, b: PipelineProblem): number {
  const order = (p: PipelineProblem) => STATUS_ORDER[p.problem] ?? 2;
  return order(a) - order(b) || a.since - b.since || a.partition - b.partition;
}

const HEALTHY: PipelineStatus = {
  state: 'healthy',
  problem: false,
  severity: 0,
};

const sameStatus = (a: PipelineStatus, b: PipelineStatus) =>
  a.state === b.state &&
  a.problem === b.problem &&
  a.severity === b.severity &&
  a.partition === b.partition &&
  a.lastPartition === b.lastPartition &&
  a.failureReason === b.failureReason &&
  a.deadline === b.deadline &&
  a.since === b.since &&
  a.rootCause === b.rootCause &&
  a.alertId === b.alertId;

/**
 * Judges every pipeline from its open partitions (batch) or the freshness of
 * its outputs (streaming) and the bad partitions quality found, walks
 * upstream from each problem to its root cause, and derives the alert each
 * problem calls for and each pipeline's status.
 */
export async function judgePipelines(options: {
  upstream: UpstreamCache;
  readers: ReadersCache;
  pipelines: Map<string, HealthPipeline>;
  open: PartitionRecord[];
  badData: BadDataProblem[];
  /** When each live alert was opened, by its live-alert key. */
  openedAt: Map<string, number>;
  /** Runs of the streaming pipelines, those older than the lookback included. */
  streamRuns: RunRow[];
  now: number;
  settings: HealthSettings;
}): Promise<PipelineJudgement> {
  const { pipelines, now, settings } = options;
  const openByPipeline = groupBy(options.open, record => record.pipelineRef);

  const streams = [...pipelines.values()].filter(
    p => p.schedule.type === 'streaming',
  );
  const since = now - settings.lookbackMs;
  const streamRuns = options.streamRuns.filter(r => r.last_event_at >= since);
  const runsByStream = groupBy(streamRuns, run => run.pipeline_ref!);

  const problems = new Map<string, PipelineProblem[]>();
  const problemPartitions = new Map<string, ProblemPartition[]>();
  for (const stream of streams) {
    const freshness = streamFreshness(runsByStream.get(stream.entityRef) ?? []);
    const found = streamProblems(stream, freshness, now, settings.defaultSla);
    if (found.length === 0) continue;
    problems.set(stream.entityRef, found);
    problemPartitions.set(
      stream.entityRef,
      found.map(p => ({
        pipelineRef: p.pipelineRef,
        start: p.partition,
        end: Number.MAX_SAFE_INTEGER,
        state: p.state,
      })),
    );
  }
  for (const [ref, open] of openByPipeline) {
    const found = batchProblems(ref, open, now);
    if (found.length === 0) continue;
    problems.set(ref, found);
    problemPartitions.set(
      ref,
      open
        .filter(p => isProblemState(p.state))
        .map(p => ({
          pipelineRef: ref,
          start: p.start,
          end: p.end,
          state: p.state,
        })),
    );
  }

  const badPartitions = groupBy(
    options.badData.map(badPartition),
    p => p.pipelineRef,
  );
  // Root causes: only problem pipelines' producers matter.
  const upstream = await options.upstream.get(
    [...new Set([...problems.keys(), ...badPartitions.keys()])].filter(ref =>
      pipelines.has(ref),
    ),
  );
  // A late or failed partition waits on late or failed ones only; bad data
  // may have been written from a bad, late (partial) or failed partition.
  const causeOf = rootCauseFinder(
    ref => upstream.get(ref),
    (ref, downstream) =>
      downstream.state === 'bad_data'
        ? [
            ...(badPartitions.get(ref) ?? []),
            ...(problemPartitions.get(ref) ?? []),
          ]
        : problemPartitions.get(ref),
  );
  // Causes are shared between partitions: each written out once.
  const causeJson = new WeakMap<object, string>();
  const jsonOf = (cause: ReturnType<typeof causeOf>) => {
    if (!cause) return undefined;
    let text = causeJson.get(cause);
    if (text === undefined) {
      text = JSON.stringify(cause);
      causeJson.set(cause, text);
    }
    return text;
  };
  const partitionsWithNewRootCause: PartitionRecord[] = [];
  for (const [ref, open] of openByPipeline) {
    if (!problems.has(ref)) continue;
    for (const record of open) {
      if (!isProblemState(record.state)) continue;
      const cause = causeOf({
        pipelineRef: ref,
        start: record.start,
        end: record.end,
        state: record.state,
      });
      const json = jsonOf(cause);
      if (json !== record.rootCause) {
        partitionsWithNewRootCause.push({ ...record, rootCause: json });
      }
    }
  }

  const desiredAlerts: DesiredAlert[] = [];
  const candidates = new Map<
    string,
    { problem: PipelineProblem; alert: DesiredAlert }[]
  >();
  const consider = (problem: PipelineProblem, alert: DesiredAlert) => {
    desiredAlerts.push(alert);
    const list = candidates.get(problem.pipelineRef) ?? [];
    list.push({ problem, alert });
    candidates.set(problem.pipelineRef, list);
  };
  for (const [ref, found] of problems) {
    const pipeline = pipelines.get(ref)!;
    const streaming = pipeline.schedule.type === 'streaming';
    for (const problem of found) {
      const cause = causeOf({
        pipelineRef: ref,
        start: problem.partition,
        end: streaming
          ? Number.MAX_SAFE_INTEGER
          : (openByPipeline.get(ref) ?? []).find(
              p => p.start === problem.partition,
            )?.end ?? problem.partition + 1,
        state: problem.state,
      });
      const rootCause = jsonOf(cause);
      const severity = severityOf({
        lifecycle: pipeline.lifecycle,
        overdueMs: problem.overdueMs,
        escalateAfterMs: settings.escalateAfterMs,
        causedUpstream: !!cause,
      });
      consider(problem, {
        pipelineRef: ref,
        problem: problem.problem,
        partitionStart: problem.partition,
        severity,
        ...(cause
          ? {
              rootCause,
              rootCauseRef: cause.chain[cause.chain.length - 1].pipelineRef,
            }
          : {}),
      });
    }
  }
  const badData = await judgeBadData({
    problems: options.badData,
    pipelines,
    causeOf,
    openedAt: options.openedAt,
    readers: options.readers,
    now,
    settings,
  });
  for (const { problem, alert } of badData) consider(problem, alert);

  const statusProblem = new Map<
    string,
    {
      problem: PipelineProblem;
      /** The partition the status names (none for a whole bad table). */
      partition?: number;
      rootCause?: string;
      severity: number;
      alertKey: string;
    }
  >();
  for (const [ref, list] of candidates) {
    if (!pipelines.has(ref)) continue; // an endpoint's own bad-data alert
    const [{ problem, alert }] = [...list].sort((a, b) =>
      worstFirst(a.problem, b.problem),
    );
    statusProblem.set(ref, {
      problem,
      partition: alert.partitionStart,
      rootCause: alert.rootCause,
      severity: SEVERITY_RANK[alert.severity],
      alertKey: openKey(alert),
    });
  }

  return {
    desiredAlerts,
    partitionsWithNewRootCause,
    withAlerts(live) {
      const liveByKey = new Map(live.map(a => [openKey(a), a]));
      const changed: { pipeline: HealthPipeline; status: PipelineStatus }[] =
        [];
      for (const pipeline of pipelines.values()) {
        const previous = pipeline.status;
        const found = statusProblem.get(pipeline.entityRef);
        // Healthy and staying so, most pipelines: nothing to build.
        if (!found && sameStatus(HEALTHY, previous)) continue;
        const alert = found ? liveByKey.get(found.alertKey) : undefined;
        const status: PipelineStatus = found
          ? {
              state: found.problem.state,
              problem: true,
              severity: alert ? SEVERITY_RANK[alert.severity] : found.severity,
              partition: found.partition,
              ...(found.problem.lastPartition !== undefined &&
              found.problem.lastPartition !== found.partition
                ? { lastPartition: found.problem.lastPartition }
                : {}),
              ...(found.problem.failureReason
                ? { failureReason: found.problem.failureReason }
                : {}),
              deadline: found.problem.deadline,
              since: found.problem.since,
              rootCause: found.rootCause,
              alertId: alert?.id,
            }
          : { ...HEALTHY };
        if (!sameStatus(status, previous)) changed.push({ pipeline, status });
      }
      return changed;
    },
  };
}
