import { Knex } from 'knex';
import { isDeepStrictEqual } from 'node:util';
import { chunk } from '../../database/chunk';
import { nextTurn } from '../../eventLoop/EventLoopBudget';
import { payloadDigest } from './canonicalJson';
import type { ValidatedEvent } from '@dataplatform/backstage-plugin-data-platform-node';

const TABLE = 'openlineage_events';
const REVISIONS = 'openlineage_event_revisions';
// Rows per INSERT: knex writes multi-row inserts for SQLite as a compound
// SELECT, which SQLite caps at 500 terms.
export const INSERT_BATCH = 500;
const DELETE_BATCH = 5000;

type EventRow = {
  id: number | string;
  event_key: string;
  kind: ValidatedEvent['kind'];
  event_time: number | string;
  payload: string;
};

/** A row of the raw event table, as `eventLogRow` makes it. */
export type EventLogRow = ReturnType<typeof eventLogRow>;

/** The raw table's row for an event. */
export function eventLogRow(e: ValidatedEvent, receivedAt: number) {
  const { event } = e;
  const run = 'run' in event ? event.run : undefined;
  const job = 'job' in event ? event.job : undefined;
  return {
    event_key: e.key,
    kind: e.kind,
    // A JobEvent may carry an eventType too; only a RunEvent's is checked.
    event_type: e.kind === 'RunEvent' ? e.event.eventType ?? null : null,
    event_time: e.eventTime,
    run_id: run?.runId ?? null,
    job_namespace: job?.namespace ?? null,
    job_name: job?.name ?? null,
    payload: e.text ?? JSON.stringify(event),
    received_at: receivedAt,
  };
}

/** Whether two JSON texts hold the same value, whatever their spacing and key order. */
function samePayload(a: string, b: string): boolean {
  return a === b || isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
}

/** What storing a batch's events did with each of them. */
export type AppendOutcome = {
  /** Events stored for the first time, in request order. */
  fresh: ValidatedEvent[];
  /**
   * Positions (in the batch) of events whose identity was stored before,
   * or earlier in the batch, with a different payload.
   */
  conflicts: number[];
  /** Those of the conflicting events whose payload was new: kept as revisions. */
  revisions: ValidatedEvent[];
};

/**
 * The append-only table of accepted OpenLineage events: what the lineage
 * index (and later run tracking) can be rebuilt from, and beside it the
 * revisions of events re-sent with another payload.
 */
export class OpenLineageEventLog {
  constructor(private readonly db: Knex) {}

  /**
   * Stores the events not stored before, in the caller's transaction. An
   * event repeated within the batch or already in the table is left out:
   * replaying a file is a no-op. A repeat whose payload differs from the
   * stored one is a conflict: the first payload stays the event, each
   * distinct other one is kept as a revision. `rows` are the events'
   * `eventLogRow`s, in the same order.
   */
  async appendNew(
    tx: Knex.Transaction,
    events: ValidatedEvent[],
    rows: EventLogRow[],
  ): Promise<AppendOutcome> {
    const first = new Map<string, number>();
    const repeats: number[] = [];
    events.forEach((e, i) => {
      if (first.has(e.key)) repeats.push(i);
      else first.set(e.key, i);
    });
    const order = [...first.values()];
    const stored = new Set<string>();
    // In request order: ids are the order events were accepted in.
    for (const batch of chunk(order, INSERT_BATCH)) {
      const inserted: { event_key: string }[] = await tx(TABLE)
        .insert(batch.map(i => rows[i]))
        .onConflict('event_key')
        .ignore()
        .returning('event_key');
      for (const row of inserted) stored.add(row.event_key);
      await nextTurn();
    }

    // Payloads the repeats are compared with: the table's, or the first
    // in the batch.
    const earlier = new Map<string, string>();
    const storedBefore = order.filter(i => !stored.has(events[i].key));
    for (const batch of chunk(storedBefore, INSERT_BATCH)) {
      const found: { event_key: string; payload: string }[] = await tx(TABLE)
        .select('event_key', 'payload')
        .whereIn(
          'event_key',
          batch.map(i => events[i].key),
        );
      for (const row of found) earlier.set(row.event_key, row.payload);
    }
    const conflicts: number[] = [];
    for (const i of [...storedBefore, ...repeats].sort((a, b) => a - b)) {
      const key = events[i].key;
      const payload = earlier.get(key) ?? rows[first.get(key)!].payload;
      if (!samePayload(payload, rows[i].payload)) conflicts.push(i);
    }
    return {
      fresh: order.map(i => events[i]).filter(e => stored.has(e.key)),
      conflicts,
      revisions: await this.keepRevisions(tx, events, rows, conflicts),
    };
  }

  /** Keeps each conflicting payload not kept before; those are returned. */
  private async keepRevisions(
    tx: Knex.Transaction,
    events: ValidatedEvent[],
    rows: EventLogRow[],
    conflicts: number[],
  ): Promise<ValidatedEvent[]> {
    const kept: ValidatedEvent[] = [];
    for (const batch of chunk(conflicts, INSERT_BATCH)) {
      const revisionRows = batch.map(i => ({
        event_key: events[i].key,
        payload_digest: payloadDigest(rows[i].payload),
        payload: rows[i].payload,
        received_at: rows[i].received_at,
      }));
      const inserted: { event_key: string; payload_digest: string }[] =
        await tx(REVISIONS)
          .insert(revisionRows)
          .onConflict(['event_key', 'payload_digest'])
          .ignore()
          .returning(['event_key', 'payload_digest']);
      const isNew = new Set(
        inserted.map(r => `${r.event_key}:${r.payload_digest}`),
      );
      batch.forEach((i, j) => {
        const { event_key, payload_digest } = revisionRows[j];
        // Twice in one batch: handed out once.
        if (isNew.delete(`${event_key}:${payload_digest}`))
          kept.push(events[i]);
      });
    }
    return kept;
  }

  /** Stored events after `afterId` in the order they were accepted. */
  async page(
    afterId: number,
    limit: number,
  ): Promise<{ events: ValidatedEvent[]; lastId: number }> {
    const rows: EventRow[] = await this.db(TABLE)
      .select('id', 'event_key', 'kind', 'event_time', 'payload')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit);
    return {
      events: rows.map(
        r =>
          ({
            key: r.event_key,
            kind: r.kind,
            eventTime: Number(r.event_time),
            event: JSON.parse(r.payload),
          } as ValidatedEvent),
      ),
      lastId: rows.length > 0 ? Number(rows[rows.length - 1].id) : afterId,
    };
  }

  /**
   * The payloads (as sent) of stored events after `afterId` in the order
   * they were accepted, then of revisions in the order they were kept:
   * `table` says which.
   */
  async payloads(
    table: 'events' | 'revisions',
    afterId: number,
    limit: number,
  ): Promise<{ payloads: string[]; lastId: number }> {
    const rows: { id: number | string; payload: string }[] = await this.db(
      table === 'events' ? TABLE : REVISIONS,
    )
      .select('id', 'payload')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit);
    return {
      payloads: rows.map(r => r.payload),
      lastId: rows.length > 0 ? Number(rows[rows.length - 1].id) : afterId,
    };
  }

  /**
   * Deletes events (and revisions) received before `receivedBefore` (epoch
   * ms), a bounded batch per statement so that a large backlog never holds
   * one long lock. Returns how many events went.
   */
  async prune(receivedBefore: number): Promise<number> {
    const pruneTable = async (table: string) => {
      let deleted = 0;
      for (;;) {
        const count = await this.db(table)
          .whereIn(
            'id',
            this.db(table)
              .select('id')
              .where('received_at', '<', receivedBefore)
              .limit(DELETE_BATCH),
          )
          .delete();
        deleted += count;
        if (count < DELETE_BATCH) return deleted;
      }
    };
    await pruneTable(REVISIONS);
    return pruneTable(TABLE);
  }

  /** How many events are stored. */
  async count(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }
}
