import { NotFoundError } from '@backstage/errors';
import {
  isProblemState,
  PartitionStatus,
  PipelineHealth,
  PipelineRun,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import {
  evaluatePipeline,
  windowPeriods,
  windowStart,
} from '../partitions/evaluatePipeline';
import type { PartitionSettings } from '../partitions/judgeStoredPartition';
import { partitionOfRun, storedRunTiming } from '../partitions/runPartition';
import { CurrentState } from '../current/CurrentState';
import { AlertStore, toPipelineAlert } from '../store/AlertStore';
import { PartitionStore, PartitionRecord } from '../store/PartitionStore';
import { HealthPipeline, PipelineStore } from '../store/PipelineStore';
import { RunRow, toRunRow } from '../store/RunStore';
import { groupBy } from '../../../collections/groupBy';

const MAX_RUNS = 500;
const MAX_ALERTS = 50;
const iso = (ms?: number | null) =>
  ms === null || ms === undefined ? undefined : new Date(ms).toISOString();

/** How far past the deadline a partition landed, or is now. */
function lateBy(p: PartitionRecord, now: number): number | undefined {
  if (p.state === 'landed_late' && p.facts.landedAt !== undefined) {
    return p.facts.landedAt - p.deadline;
  }
  if (isProblemState(p.state) && now > p.deadline) {
    return now - p.deadline;
  }
  return undefined;
}

function toPartitionStatus(p: PartitionRecord, now: number): PartitionStatus {
  const lateByMs = lateBy(p, now);
  return {
    pipelineRef: p.pipelineRef,
    partition: iso(p.start)!,
    periodEnd: iso(p.end)!,
    deadline: iso(p.deadline)!,
    state: p.state,
    ...(p.facts.landedAt !== undefined
      ? { landedAt: iso(p.facts.landedAt) }
      : {}),
    ...(lateByMs !== undefined ? { lateByMs } : {}),
    attempts: p.facts.attempts,
    ...(p.facts.latestRunId ? { latestRunId: p.facts.latestRunId } : {}),
    ...(p.facts.failureReason ? { failureReason: p.facts.failureReason } : {}),
    ...(p.rootCause ? { rootCause: JSON.parse(p.rootCause) } : {}),
  };
}

/** Runs with their attempt number within their partition. */
function toPipelineRuns(
  pipeline: HealthPipeline,
  rows: RunRow[],
): PipelineRun[] {
  const startOf = (r: RunRow) => r.started_at ?? r.first_event_at;
  const withPartition = rows.map(r => ({
    row: r,
    partition:
      r.partition_start ??
      partitionOfRun(pipeline, storedRunTiming(r))?.start ??
      startOf(r),
  }));
  const byPartition = groupBy(
    withPartition,
    r => r.partition,
    r => r.row,
  );
  for (const list of byPartition.values())
    list.sort((a, b) => startOf(a) - startOf(b));
  return withPartition.map(({ row, partition }) => {
    const started = startOf(row);
    return {
      runId: row.run_id,
      pipelineRef: pipeline.entityRef,
      partition: iso(partition)!,
      state: row.state,
      attempt: byPartition.get(partition)!.indexOf(row) + 1,
      startedAt: iso(started),
      ...(row.ended_at !== null
        ? { endedAt: iso(row.ended_at), durationMs: row.ended_at - started }
        : {}),
      ...(row.failure_reason ? { failureReason: row.failure_reason } : {}),
      ...(row.parent_run_id ? { parentRunId: row.parent_run_id } : {}),
    };
  });
}

/**
 * One pipeline's health for its Health tab: where it stands now (the
 * same CurrentState the on-call list reads), runs (with attempts), the
 * partitions of the last 48 hours (hourly) or 30 periods (daily, cron)
 * evaluated now, and its alerts with their history.
 */
export class PipelineHealthQuery {
  private readonly pipelines: PipelineStore;
  private readonly partitions: PartitionStore;
  private readonly alerts: AlertStore;
  private readonly current: CurrentState;

  constructor(
    private readonly db: Knex,
    private readonly settings: PartitionSettings,
  ) {
    this.pipelines = new PipelineStore(db);
    this.partitions = new PartitionStore(db);
    this.alerts = new AlertStore(db);
    this.current = new CurrentState(db);
  }

  async get(pipelineRef: string, now: number): Promise<PipelineHealth> {
    const pipeline = await this.pipelines.get(pipelineRef);
    if (!pipeline)
      throw new NotFoundError(
        `No pipeline "${pipelineRef}" in pipeline health`,
      );
    const since = windowStart(pipeline, windowPeriods(pipeline), now);
    const [runs, stored, alerts, current] = await Promise.all([
      this.runs(pipeline, since),
      this.partitions.forPipeline(pipelineRef, since),
      this.alerts.forPipeline(pipelineRef, MAX_ALERTS),
      this.current.of([pipelineRef], now),
    ]);
    const history = await this.alerts.history(alerts.map(a => a.id));
    const partitions = evaluatePipeline(
      pipeline,
      runs,
      stored,
      since,
      now,
      this.settings,
    );
    return {
      pipelineRef: pipeline.entityRef,
      current: current.get(pipelineRef) ?? { state: 'healthy' },
      runs: toPipelineRuns(pipeline, runs),
      partitions: partitions.map(p => toPartitionStatus(p, now)),
      alerts: alerts.map(a => toPipelineAlert(a, history.get(a.id) ?? [])),
    };
  }

  /** Its runs, attached or (not swept yet) matching its OpenLineage job, newest first. */
  private async runs(
    pipeline: HealthPipeline,
    since: number,
  ): Promise<RunRow[]> {
    const rows = await this.db('health_runs')
      .where(q => {
        q.where('pipeline_ref', pipeline.entityRef);
        if (pipeline.openLineage) {
          q.orWhere(q2 =>
            q2
              .whereNull('pipeline_ref')
              .andWhere('job_namespace', pipeline.openLineage!.namespace)
              .andWhere('job_name', pipeline.openLineage!.name),
          );
        }
      })
      .andWhere(q =>
        q
          .where('partition_start', '>=', since)
          .orWhere(q2 =>
            q2
              .whereNull('partition_start')
              .andWhere('last_event_at', '>=', since),
          ),
      )
      .orderBy('first_event_at', 'desc')
      .limit(MAX_RUNS);
    return rows.map(toRunRow);
  }
}
