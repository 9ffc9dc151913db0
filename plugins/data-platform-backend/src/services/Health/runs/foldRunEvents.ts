import type { RunState } from '@dataplatform/backstage-plugin-data-platform-common';
import type { RunEvent } from '@dataplatform/backstage-plugin-data-platform-node';
import { storableText } from '../../../database/storableText';
import { parseRfc3339 } from '../../../time/rfc3339';

/** What the stored run row holds about one run, folded from its events. */
export type RunRecord = {
  runId: string;
  jobNamespace: string;
  jobName: string;
  state: RunState;
  /** eventTime of the earliest START, if one arrived. */
  startedAt?: number;
  firstEventAt: number;
  lastEventAt: number;
  /** eventTime of the terminal event that decided the state. */
  endedAt?: number;
  failureReason?: string;
  nominalStart?: number;
  nominalEnd?: number;
  parentRunId?: string;
  /** Latest eventTime of an event that reported outputs (streaming freshness). */
  lastOutputAt?: number;
};

const TERMINAL: RunState[] = ['COMPLETE', 'FAIL', 'ABORT'];

/** Among terminal events at the same instant, the pessimistic one wins. */
const TERMINAL_RANK: Record<RunState, number> = {
  RUNNING: 0,
  COMPLETE: 1,
  ABORT: 2,
  FAIL: 3,
};

function isTerminal(state: RunState): boolean {
  return TERMINAL.includes(state);
}

function runStateOf(eventType: RunEvent['eventType']): RunState {
  if (
    eventType === 'COMPLETE' ||
    eventType === 'FAIL' ||
    eventType === 'ABORT'
  ) {
    return eventType;
  }
  return 'RUNNING';
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseRfc3339(value);
  return 'ms' in parsed ? parsed.ms : undefined;
}

function facet(event: RunEvent, name: string): Record<string, any> | undefined {
  return event.run.facets?.[name] as Record<string, any> | undefined;
}

/** One event as a run record of its own. */
export function recordOfEvent(event: RunEvent, eventTime: number): RunRecord {
  const state = runStateOf(event.eventType);
  const nominal = facet(event, 'nominalTime');
  const parentRunId = facet(event, 'parent')?.run?.runId;
  const message = facet(event, 'errorMessage')?.message;
  const terminal = isTerminal(state);
  return {
    runId: event.run.runId,
    jobNamespace: event.job.namespace,
    jobName: event.job.name,
    state,
    ...(event.eventType === 'START' ? { startedAt: eventTime } : {}),
    firstEventAt: eventTime,
    lastEventAt: eventTime,
    ...(terminal ? { endedAt: eventTime } : {}),
    ...(terminal && state !== 'COMPLETE' && typeof message === 'string'
      ? { failureReason: storableText(message) }
      : {}),
    ...(timeOf(nominal?.nominalStartTime) !== undefined
      ? { nominalStart: timeOf(nominal?.nominalStartTime) }
      : {}),
    ...(timeOf(nominal?.nominalEndTime) !== undefined
      ? { nominalEnd: timeOf(nominal?.nominalEndTime) }
      : {}),
    ...(typeof parentRunId === 'string' ? { parentRunId } : {}),
    // A failed run's outputs are not fresh data.
    ...((event.outputs?.length ?? 0) > 0 &&
    (state === 'RUNNING' || state === 'COMPLETE')
      ? { lastOutputAt: eventTime }
      : {}),
  };
}

/** Math.min / Math.max that ignore an absent side. */
function min(a?: number, b?: number) {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}
function max(a?: number, b?: number) {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

/** True when `next`'s terminal state replaces `current`'s. */
function terminalWins(current: RunRecord, next: RunRecord): boolean {
  if (!isTerminal(next.state)) return false;
  if (!isTerminal(current.state)) return true;
  if (next.endedAt! !== current.endedAt!)
    return next.endedAt! > current.endedAt!;
  return TERMINAL_RANK[next.state] > TERMINAL_RANK[current.state];
}

/**
 * Merges two records of the same run. Order-independent, so events may
 * arrive in any order and a rebuild replays to the same result: a terminal
 * state is never replaced by RUNNING (a late START does not reopen a
 * COMPLETE run), and between two terminal events the later one wins.
 */
export function mergeRunRecords(
  current: RunRecord,
  next: RunRecord,
): RunRecord {
  const decider = terminalWins(current, next) ? next : current;
  return {
    runId: current.runId,
    jobNamespace: current.jobNamespace,
    jobName: current.jobName,
    state: decider.state,
    startedAt: min(current.startedAt, next.startedAt),
    firstEventAt: Math.min(current.firstEventAt, next.firstEventAt),
    lastEventAt: Math.max(current.lastEventAt, next.lastEventAt),
    endedAt: decider.endedAt,
    failureReason: decider.failureReason,
    nominalStart: current.nominalStart ?? next.nominalStart,
    nominalEnd: current.nominalEnd ?? next.nominalEnd,
    parentRunId: current.parentRunId ?? next.parentRunId,
    lastOutputAt: max(current.lastOutputAt, next.lastOutputAt),
  };
}
