import { isProblemState } from '@dataplatform/backstage-plugin-data-platform-common';
import { deadlineOf } from '../schedule/deadlines';
import { calendarFor, Period } from '../schedule/periods';
import type { HealthPipeline } from '../store/PipelineStore';
import type { PartitionRecord } from '../store/PartitionStore';
import { judgePartition, JudgeOptions, PartitionFacts } from './judgePartition';

/** Health settings the partition judgement uses. */
export type PartitionSettings = JudgeOptions & {
  /** SLA of pipelines that declare none. */
  defaultSla: string;
};

/** The period starting at `start` in the pipeline's schedule, with its deadline. */
export function periodWithDeadline(
  pipeline: Pick<HealthPipeline, 'schedule' | 'sla'>,
  start: number,
  settings: Pick<PartitionSettings, 'defaultSla'>,
): Period & { deadline: number } {
  const { schedule } = pipeline;
  if (schedule.type === 'streaming') {
    throw new Error('Streaming pipelines have no partition periods');
  }
  const calendar = calendarFor({ ...schedule, type: schedule.type });
  const period = calendar.periodAt(start);
  // A stored start from an older schedule need not be a boundary of this one.
  const end = period.start === start ? period.end : Math.max(period.end, start);
  return {
    start,
    end,
    deadline: deadlineOf(
      { start, end },
      pipeline.sla ?? settings.defaultSla,
      schedule.timezone,
    ),
  };
}

/** Since when a partition is in a state it just entered. */
function sinceOf(
  state: PartitionRecord['state'],
  facts: PartitionFacts,
  deadline: number,
  now: number,
): number {
  switch (state) {
    case 'late':
      return deadline;
    case 'failed':
      return facts.failedAt ?? now;
    case 'landed_on_time':
    case 'landed_late':
    case 'backfilled':
      return facts.landedAt ?? now;
    default:
      return now;
  }
}

/**
 * A partition judged at `now`: its state from facts and deadline, the time it
 * entered that state (kept from `previous` while the state holds) and the
 * root cause carried over while it is still a problem.
 */
export function judgeStoredPartition(
  pipelineRef: string,
  period: Period & { deadline: number },
  facts: PartitionFacts,
  previous: PartitionRecord | undefined,
  now: number,
  settings: JudgeOptions,
): PartitionRecord {
  const { state } = judgePartition(facts, period, now, settings);
  const stays = previous?.state === state;
  return {
    pipelineRef,
    start: period.start,
    end: period.end,
    deadline: period.deadline,
    state,
    stateSince: stays
      ? previous!.stateSince
      : sinceOf(state, facts, period.deadline, now),
    facts,
    rootCause: isProblemState(state) ? previous?.rootCause : undefined,
  };
}

/** True when two records differ in anything stored. */
export function partitionChanged(
  a: PartitionRecord,
  b: PartitionRecord | undefined,
): boolean {
  if (!b) return true;
  return (
    a.state !== b.state ||
    a.stateSince !== b.stateSince ||
    a.deadline !== b.deadline ||
    a.end !== b.end ||
    a.rootCause !== b.rootCause ||
    a.facts.attempts !== b.facts.attempts ||
    a.facts.latestRunId !== b.facts.latestRunId ||
    a.facts.latestRunState !== b.facts.latestRunState ||
    a.facts.failureReason !== b.facts.failureReason ||
    a.facts.landedAt !== b.facts.landedAt ||
    a.facts.landingRunStartedAt !== b.facts.landingRunStartedAt
  );
}

/**
 * Whether a pipeline's first run at the partition starting at `start` tells
 * `isJudged` anything: only when that partition came due before the
 * pipeline was registered. Every later partition is judged by its deadline
 * anyway (deadlines grow with starts), so a first run there need not be
 * kept.
 */
export function firstRunMatters(
  pipeline: Pick<HealthPipeline, 'schedule' | 'sla' | 'registeredAt'>,
  start: number,
  settings: Pick<PartitionSettings, 'defaultSla'>,
): boolean {
  try {
    return (
      periodWithDeadline(pipeline, start, settings).deadline <=
      pipeline.registeredAt
    );
  } catch {
    return true; // an unreadable schedule: kept, as before
  }
}

/**
 * Whether a partition with no run is judged at all: its deadline came after
 * health first saw the pipeline, or runs show the pipeline was already
 * running by then. A pipeline registered today is not late for last week.
 */
export function isJudged(
  pipeline: Pick<HealthPipeline, 'registeredAt' | 'firstRunPartition'>,
  period: { start: number; deadline: number },
): boolean {
  return (
    period.deadline > pipeline.registeredAt ||
    (pipeline.firstRunPartition !== undefined &&
      period.start >= pipeline.firstRunPartition)
  );
}
