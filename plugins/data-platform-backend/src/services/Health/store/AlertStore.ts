import type {
  AlertEvent,
  AlertProblem,
  AlertSeverity,
  AlertState,
  PipelineAlert,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunk } from '../../../database/chunk';
import {
  ArrayColumn,
  isPostgres,
  updateFromArrays,
  upsertFromArrays,
} from '../../../database/pgArrays';
import { groupBy } from '../../../collections/groupBy';
import { parseBadDataDetails } from '../badData/badDataDetails';

const ALERTS = 'health_alerts';
const EVENTS = 'health_alert_events';
const BATCH = 500;

/** Alert columns as PostgreSQL's bulk writes send them. */
const TYPES: Record<string, string> = {
  id: 'text',
  pipeline_ref: 'text',
  problem: 'text',
  partition_start: 'bigint',
  open_key: 'text',
  severity: 'text',
  state: 'text',
  opened_at: 'bigint',
  acknowledged_by: 'text',
  acknowledged_at: 'bigint',
  snoozed_until: 'bigint',
  resolved_at: 'bigint',
  resolved_by: 'text',
  root_cause: 'text',
  root_cause_ref: 'text',
  updated_at: 'bigint',
  details: 'text',
};
const typed = (columns: string[]): ArrayColumn[] =>
  columns.map(column => [column, TYPES[column]]);

/** An alert as stored, times in epoch milliseconds. */
export type AlertRecord = {
  id: string;
  pipelineRef: string;
  problem: AlertProblem;
  partitionStart?: number;
  severity: AlertSeverity;
  state: AlertState;
  openedAt: number;
  acknowledgedBy?: string;
  acknowledgedAt?: number;
  snoozedUntil?: number;
  resolvedAt?: number;
  resolvedBy?: string;
  /** JSON of a RootCause. */
  rootCause?: string;
  rootCauseRef?: string;
  /** JSON of a bad-data alert's BadDataDetails. */
  details?: string;
  /** When it last changed (as read from the store). */
  updatedAt?: number;
};

/** A history entry to append. */
export type AlertEventRecord = {
  action: AlertEvent['action'];
  by: string;
  at: number;
  note?: string;
};

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);
const str = (v: unknown) =>
  v === null || v === undefined ? undefined : String(v);

function toAlertRecord(row: Record<string, any>): AlertRecord {
  return {
    id: row.id,
    pipelineRef: row.pipeline_ref,
    problem: row.problem,
    partitionStart: num(row.partition_start),
    severity: row.severity,
    state: row.state,
    openedAt: Number(row.opened_at),
    acknowledgedBy: str(row.acknowledged_by),
    acknowledgedAt: num(row.acknowledged_at),
    snoozedUntil: num(row.snoozed_until),
    resolvedAt: num(row.resolved_at),
    resolvedBy: str(row.resolved_by),
    rootCause: str(row.root_cause),
    rootCauseRef: str(row.root_cause_ref),
    details: str(row.details),
    updatedAt: num(row.updated_at),
  };
}

const iso = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/** The API shape of an alert and its history. */
export function toPipelineAlert(
  alert: AlertRecord,
  history: AlertEventRecord[],
): PipelineAlert {
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(
      Object.entries(o).filter(([, v]) => v !== undefined),
    ) as T;
  return defined({
    id: alert.id,
    pipelineRef: alert.pipelineRef,
    problem: alert.problem,
    partition: iso(alert.partitionStart) ?? iso(alert.openedAt)!,
    severity: alert.severity,
    state: alert.state,
    openedAt: iso(alert.openedAt)!,
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgedAt: iso(alert.acknowledgedAt),
    snoozedUntil: iso(alert.snoozedUntil),
    resolvedAt: iso(alert.resolvedAt),
    resolvedBy: alert.resolvedBy,
    rootCause: alert.rootCause ? JSON.parse(alert.rootCause) : undefined,
    failedChecks: alert.details
      ? parseBadDataDetails(alert.details).checks
      : undefined,
    history: history.map(h =>
      defined({ at: iso(h.at)!, action: h.action, by: h.by, note: h.note }),
    ),
  });
}

/**
 * The live-alert key: one unresolved alert per pipeline and problem, and
 * for bad data one per pipeline and partition (`table` for a table that is
 * not partitioned).
 */
export function openKey(
  alert: Pick<AlertRecord, 'pipelineRef' | 'problem' | 'partitionStart'>,
): string {
  const { pipelineRef, problem } = alert;
  if (problem !== 'bad_data') return `${pipelineRef}|${problem}`;
  return `${pipelineRef}|${problem}|${alert.partitionStart ?? 'table'}`;
}

/** Column values of a change; undefined leaves a column alone, null clears it. */
export type AlertChange = Partial<{
  severity: AlertSeverity;
  state: AlertState;
  partitionStart: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  snoozedUntil: number | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  rootCause: string | null;
  rootCauseRef: string | null;
  details: string | null;
}>;

function changeColumns(change: AlertChange): Record<string, unknown> {
  const columns: Record<string, unknown> = {
    severity: change.severity,
    state: change.state,
    partition_start: change.partitionStart,
    acknowledged_by: change.acknowledgedBy,
    acknowledged_at: change.acknowledgedAt,
    snoozed_until: change.snoozedUntil,
    resolved_at: change.resolvedAt,
    resolved_by: change.resolvedBy,
    root_cause: change.rootCause,
    root_cause_ref: change.rootCauseRef,
    details: change.details,
  };
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== undefined),
  );
}

/** A change to apply only while the alert is in one of `expected`. */
type GuardedChange = {
  id: string;
  expected: AlertState[];
  change: AlertChange;
  events: AlertEventRecord[];
};

/** Changes grouped by what `of` makes of them and the states they expect. */
function groupedChanges<E extends GuardedChange>(
  entries: E[],
  of: (change: AlertChange) => unknown,
): E[][] {
  const groups = groupBy(entries, e =>
    JSON.stringify([of(e.change), [...e.expected].sort()]),
  );
  return [...groups.values()];
}

/** An SQL list of alert states (known words, never user input). */
const stateList = (states: AlertState[]) =>
  states
    .map(state => {
      if (!/^[a-z_]+$/.test(state)) throw new Error(`bad state ${state}`);
      return `'${state}'`;
    })
    .join(', ');

/**
 * Alerts and their history. Every write is guarded by the state it expects,
 * so a sweep and a user (or two sweeps) acting at once cannot both win.
 */
export class AlertStore {
  constructor(private readonly db: Knex) {}

  /** Every alert that is not resolved. */
  async live(): Promise<AlertRecord[]> {
    const rows = await this.db(ALERTS).whereNot('state', 'resolved');
    return rows.map(toAlertRecord);
  }

  /** Alerts resolved since `since` (reopening and manual-resolve suppression). */
  async resolvedSince(since: number): Promise<AlertRecord[]> {
    const rows = await this.db(ALERTS)
      .where('state', 'resolved')
      .andWhere('resolved_at', '>=', since);
    return rows.map(toAlertRecord);
  }

  async get(id: string): Promise<AlertRecord | undefined> {
    const row = await this.db(ALERTS).where('id', id).first();
    return row ? toAlertRecord(row) : undefined;
  }

  async getMany(ids: string[]): Promise<AlertRecord[]> {
    const found: AlertRecord[] = [];
    for (const batch of chunk(ids, BATCH)) {
      const rows = await this.db(ALERTS).whereIn('id', batch);
      found.push(...rows.map(toAlertRecord));
    }
    return found;
  }

  /** A pipeline's alerts, newest first. */
  async forPipeline(
    pipelineRef: string,
    limit: number,
  ): Promise<AlertRecord[]> {
    const rows = await this.db(ALERTS)
      .where('pipeline_ref', pipelineRef)
      .orderBy('opened_at', 'desc')
      .limit(limit);
    return rows.map(toAlertRecord);
  }

  /** History of alerts, oldest entry first. */
  async history(ids: string[]): Promise<Map<string, AlertEventRecord[]>> {
    const byAlert = new Map<string, AlertEventRecord[]>(
      ids.map(id => [id, []]),
    );
    for (const batch of chunk(ids, BATCH)) {
      const rows = await this.db(EVENTS)
        .whereIn('alert_id', batch)
        .orderBy('id');
      for (const row of rows) {
        byAlert.get(row.alert_id)!.push({
          action: row.action,
          by: row.by,
          at: Number(row.at),
          note: row.note ?? undefined,
        });
      }
    }
    return byAlert;
  }

  /**
   * Opens alerts, each unless one with the same live-alert key is live
   * (the unique live slot decides between concurrent sweeps). Returns the
   * ids of the alerts actually opened.
   */
  async open(
    alerts: (Omit<AlertRecord, 'id' | 'state'> & { event: AlertEventRecord })[],
  ): Promise<string[]> {
    if (alerts.length === 0) return [];
    const withIds = alerts.map(a => ({ ...a, id: randomUUID() }));
    const rows = withIds.map(a => ({
      id: a.id,
      pipeline_ref: a.pipelineRef,
      problem: a.problem,
      partition_start: a.partitionStart ?? null,
      open_key: openKey(a),
      severity: a.severity,
      state: 'open',
      opened_at: a.openedAt,
      root_cause: a.rootCause ?? null,
      root_cause_ref: a.rootCauseRef ?? null,
      details: a.details ?? null,
      updated_at: a.event.at,
    }));
    return this.db.transaction(async tx => {
      const opened = new Set<string>();
      if (isPostgres(tx)) {
        const inserted = await upsertFromArrays<{ id: string }>(
          tx,
          ALERTS,
          typed(Object.keys(rows[0])),
          rows,
          { conflict: ['open_key'], returning: ['id'] },
        );
        for (const row of inserted) opened.add(row.id);
      } else {
        for (const batch of chunk(rows, BATCH)) {
          await tx(ALERTS).insert(batch).onConflict('open_key').ignore();
        }
        for (const batch of chunk(withIds, BATCH)) {
          const found = await tx(ALERTS)
            .select('id')
            .whereIn(
              'id',
              batch.map(a => a.id),
            );
          for (const row of found) opened.add(row.id);
        }
      }
      await this.appendMany(
        tx,
        withIds
          .filter(a => opened.has(a.id))
          .map(a => ({ alertId: a.id, event: a.event })),
      );
      return [...opened];
    });
  }

  /**
   * Applies a change if the alert is still in one of `expectedStates`, and
   * appends history in the same transaction. Returns false when the guard
   * failed (someone else changed it first).
   */
  async change(
    id: string,
    expectedStates: AlertState[],
    change: AlertChange,
    events: AlertEventRecord[],
    at: number,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const columns: Record<string, unknown> = {
        ...changeColumns(change),
        updated_at: at,
      };
      if (change.state === 'resolved') columns.open_key = null;
      if (change.state && change.state !== 'resolved') {
        // Reopening: take the live slot back, unless another alert holds it.
        const row = await tx(ALERTS).where('id', id).first();
        if (!row) return false;
        const alert = toAlertRecord(row);
        const key = openKey({
          ...alert,
          partitionStart: change.partitionStart ?? alert.partitionStart,
        });
        const holder = await tx(ALERTS)
          .where('open_key', key)
          .whereNot('id', id)
          .first();
        if (holder) return false;
        columns.open_key = key;
      }
      const updated = await tx(ALERTS)
        .where('id', id)
        .whereIn('state', expectedStates)
        .update(columns);
      if (!updated) return false;
      await this.append(tx, id, events);
      return true;
    });
  }

  /**
   * Changes that keep the alert's state (severity, partition, root cause),
   * many at once: one transaction, each write guarded by the state it was
   * planned against; history only for the writes that took effect. Returns
   * how many did.
   */
  async updateMany(entries: GuardedChange[], at: number): Promise<number> {
    if (entries.length === 0) return 0;
    return this.db.transaction(async tx => {
      const applied = isPostgres(tx)
        ? await this.updateFromArrays(tx, entries, at)
        : await this.updateInGroups(tx, entries, at);
      await this.appendMany(
        tx,
        applied.flatMap(e => e.events.map(event => ({ alertId: e.id, event }))),
      );
      return applied.length;
    });
  }

  /**
   * PostgreSQL: one statement per set of columns changed and states
   * expected, each row's values from arrays; the rows it returns are the
   * writes that took effect.
   */
  private async updateFromArrays<E extends GuardedChange>(
    tx: Knex.Transaction,
    entries: E[],
    at: number,
  ): Promise<E[]> {
    const applied: E[] = [];
    const groups = groupedChanges(entries, change =>
      Object.keys(changeColumns(change)),
    );
    for (const group of groups) {
      const columns = Object.keys(changeColumns(group[0].change));
      const byId = new Map(group.map(e => [e.id, e]));
      const updated = await updateFromArrays<{ id: string }>(
        tx,
        ALERTS,
        typed(['id', ...columns]),
        group.map(e => ({ id: e.id, ...changeColumns(e.change) })),
        {
          key: ['id'],
          set: [...columns, ['updated_at', String(at)]],
          where: `t.state in (${stateList(group[0].expected)})`,
          returning: ['id'],
        },
      );
      for (const row of updated) applied.push(byId.get(row.id)!);
    }
    return applied;
  }

  /**
   * Elsewhere: the same change from the same states (an escalation, most
   * often) in one statement per batch; one by one when a batch is not all
   * applied.
   */
  private async updateInGroups<E extends GuardedChange>(
    tx: Knex.Transaction,
    entries: E[],
    at: number,
  ): Promise<E[]> {
    const applied: E[] = [];
    for (const group of groupedChanges(entries, changeColumns)) {
      const [{ change, expected }] = group;
      for (const batch of chunk(group, BATCH)) {
        const updated =
          batch.length === 1
            ? 0
            : await tx(ALERTS)
                .whereIn(
                  'id',
                  batch.map(e => e.id),
                )
                .whereIn('state', expected)
                .update({ ...changeColumns(change), updated_at: at });
        if (updated === batch.length) {
          applied.push(...batch);
          continue;
        }
        for (const entry of batch) {
          // Unchanged by the batch above when it matched none; redone
          // rows are no-ops, the change being the same.
          const one = await tx(ALERTS)
            .where('id', entry.id)
            .whereIn('state', entry.expected)
            .update({ ...changeColumns(entry.change), updated_at: at });
          if (one) applied.push(entry);
        }
      }
    }
    return applied;
  }

  /**
   * Resolves alerts whose problem is gone, many at once (a platform-wide
   * recovery resolves thousands in one sweep). Returns how many it resolved.
   */
  async resolveMany(
    entries: { id: string; note: string }[],
    at: number,
  ): Promise<number> {
    if (entries.length === 0) return 0;
    const notes = new Map(entries.map(e => [e.id, e.note]));
    return this.db.transaction(async tx => {
      let resolved = 0;
      for (const batch of chunk([...notes.keys()], BATCH)) {
        await tx(ALERTS)
          .whereIn('id', batch)
          .whereNot('state', 'resolved')
          .update({
            state: 'resolved',
            resolved_at: at,
            resolved_by: 'system',
            snoozed_until: null,
            open_key: null,
            updated_at: at,
          });
        const rows = await tx(ALERTS)
          .select('id')
          .whereIn('id', batch)
          .where({ state: 'resolved', resolved_at: at, resolved_by: 'system' });
        resolved += rows.length;
        await this.appendMany(
          tx,
          rows.map(row => ({
            alertId: row.id,
            event: {
              action: 'resolved',
              by: 'system',
              at,
              note: notes.get(row.id),
            },
          })),
        );
      }
      return resolved;
    });
  }

  /** Appends history entries (e.g. `notified`) without changing the alerts. */
  async note(
    entries: { alertId: string; event: AlertEventRecord }[],
  ): Promise<void> {
    await this.appendMany(this.db, entries);
  }

  private async appendMany(
    tx: Knex | Knex.Transaction,
    entries: { alertId: string; event: AlertEventRecord }[],
  ) {
    if (isPostgres(tx)) {
      await upsertFromArrays(
        tx,
        EVENTS,
        [
          ['alert_id', 'text'],
          ['at', 'bigint'],
          ['action', 'text'],
          ['by', 'text'],
          ['note', 'text'],
        ],
        entries.map(({ alertId, event }) => ({
          alert_id: alertId,
          at: event.at,
          action: event.action,
          by: event.by,
          note: event.note,
        })),
      );
      return;
    }
    for (const batch of chunk(entries, BATCH)) {
      await tx(EVENTS).insert(
        batch.map(({ alertId, event }) => ({
          alert_id: alertId,
          at: event.at,
          action: event.action,
          by: event.by,
          note: event.note ?? null,
        })),
      );
    }
  }

  private async append(
    tx: Knex | Knex.Transaction,
    id: string,
    events: AlertEventRecord[],
  ) {
    if (events.length === 0) return;
    await tx(EVENTS).insert(
      events.map(e => ({
        alert_id: id,
        at: e.at,
        action: e.action,
        by: e.by,
        note: e.note ?? null,
      })),
    );
  }
}
