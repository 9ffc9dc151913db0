import type {
  AlertProblem,
  AlertSeverity,
  AlertState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  AlertChange,
  AlertEventRecord,
  AlertRecord,
  openKey,
} from '../store/AlertStore';
import { SEVERITY_RANK } from './severity';

/** The alert a problem calls for. */
export type DesiredAlert = {
  pipelineRef: string;
  problem: AlertProblem;
  /** Unset for bad data of a table that is not partitioned. */
  partitionStart?: number;
  severity: AlertSeverity;
  /** JSON of a RootCause, for a problem caused upstream. */
  rootCause?: string;
  rootCauseRef?: string;
  /** JSON of a bad-data alert's BadDataDetails. */
  details?: string;
};

/** One write of the alert lifecycle. */
export type AlertAction =
  | { kind: 'open'; alert: DesiredAlert; event: AlertEventRecord }
  | {
      kind: 'change';
      id: string;
      expected: AlertState[];
      change: AlertChange;
      events: AlertEventRecord[];
    };

const SYSTEM = 'system';
const LIVE: AlertState[] = ['open', 'acknowledged', 'snoozed'];

function openedNote(alert: DesiredAlert): string | undefined {
  if (!alert.rootCauseRef) return undefined;
  return alert.problem === 'bad_data'
    ? `expected bad data, caused by ${alert.rootCauseRef}`
    : `expected delay, caused by ${alert.rootCauseRef}`;
}

/**
 * The alert lifecycle as a diff between the problems seen now and the alerts
 * stored: a new problem opens an alert (or reopens one the system resolved
 * moments ago, so a flapping partition keeps one history); a lasting problem
 * updates its alert (escalation, root cause, a snooze that ran out); an
 * alert whose problem is gone resolves itself. An alert a user resolved
 * while its problem still holds is reopened by the next sweep (a new
 * partition's problem opens a new alert). Running it twice changes nothing
 * the second time.
 */
export function planAlerts(options: {
  desired: DesiredAlert[];
  live: AlertRecord[];
  recentlyResolved: AlertRecord[];
  now: number;
  reopenWithinMs: number;
  /** Why a problem went away, per pipeline (for the history note). */
  resolutionNote?: (alert: AlertRecord) => string;
}): AlertAction[] {
  const { now } = options;
  const actions: AlertAction[] = [];
  const liveByKey = new Map(options.live.map(a => [openKey(a), a]));
  const resolvedByKey = new Map<string, AlertRecord>();
  for (const a of options.recentlyResolved) {
    const k = openKey(a);
    const seen = resolvedByKey.get(k);
    if (!seen || (a.resolvedAt ?? 0) > (seen.resolvedAt ?? 0))
      resolvedByKey.set(k, a);
  }

  const wanted = new Set<string>();
  for (const d of options.desired) {
    const k = openKey(d);
    wanted.add(k);
    const live = liveByKey.get(k);
    if (live) {
      const change: AlertChange = {};
      const events: AlertEventRecord[] = [];
      if (live.partitionStart !== d.partitionStart)
        change.partitionStart = d.partitionStart;
      if (live.severity !== d.severity) {
        change.severity = d.severity;
        if (SEVERITY_RANK[d.severity] > SEVERITY_RANK[live.severity]) {
          events.push({
            action: 'escalated',
            by: SYSTEM,
            at: now,
            note: `${live.severity} -> ${d.severity}`,
          });
        }
      }
      if ((live.rootCause ?? null) !== (d.rootCause ?? null)) {
        change.rootCause = d.rootCause ?? null;
        change.rootCauseRef = d.rootCauseRef ?? null;
      }
      if ((live.details ?? null) !== (d.details ?? null)) {
        change.details = d.details ?? null;
      }
      if (live.state === 'snoozed' && (live.snoozedUntil ?? 0) <= now) {
        change.state = 'open';
        change.snoozedUntil = null;
        events.push({ action: 'unsnoozed', by: SYSTEM, at: now });
      }
      if (Object.keys(change).length > 0) {
        actions.push({
          kind: 'change',
          id: live.id,
          expected: [live.state],
          change,
          events,
        });
      }
      continue;
    }
    const resolved = resolvedByKey.get(k);
    // A user who resolves an alert while its problem still holds closes it
    // for one sweep only: the problem is derived from the data, so the alert
    // comes back (as one reopened alert, keeping its history) until the
    // partition lands. Snoozing is how to quiet it for a while. Resolving
    // bad data instead accepts that partition's data: it stays resolved.
    const byUser =
      resolved?.resolvedBy !== SYSTEM &&
      resolved?.partitionStart === d.partitionStart;
    if (byUser && d.problem === 'bad_data') continue;
    if (
      resolved &&
      (byUser ||
        (resolved.resolvedBy === SYSTEM &&
          now - (resolved.resolvedAt ?? 0) <= options.reopenWithinMs))
    ) {
      actions.push({
        kind: 'change',
        id: resolved.id,
        expected: ['resolved'],
        change: {
          state: 'open',
          severity: d.severity,
          partitionStart: d.partitionStart,
          resolvedAt: null,
          resolvedBy: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          snoozedUntil: null,
          rootCause: d.rootCause ?? null,
          rootCauseRef: d.rootCauseRef ?? null,
          details: d.details ?? null,
        },
        events: [
          {
            action: 'reopened',
            by: SYSTEM,
            at: now,
            ...(resolved.resolvedBy !== SYSTEM
              ? { note: 'resolved while the problem still held' }
              : {}),
          },
        ],
      });
      continue;
    }
    actions.push({
      kind: 'open',
      alert: d,
      event: {
        action: 'opened',
        by: SYSTEM,
        at: now,
        ...(openedNote(d) ? { note: openedNote(d) } : {}),
      },
    });
  }

  for (const live of options.live) {
    if (wanted.has(openKey(live))) continue;
    actions.push({
      kind: 'change',
      id: live.id,
      expected: LIVE,
      change: {
        state: 'resolved',
        resolvedAt: now,
        resolvedBy: SYSTEM,
        snoozedUntil: null,
      },
      events: [
        {
          action: 'resolved',
          by: SYSTEM,
          at: now,
          note: options.resolutionNote?.(live) ?? 'the problem is gone',
        },
      ],
    });
  }
  return actions;
}
