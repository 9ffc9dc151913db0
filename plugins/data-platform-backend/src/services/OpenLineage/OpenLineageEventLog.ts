import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import type { ValidatedEvent } from '@dataplatform/backstage-plugin-data-platform-node';

const TABLE = 'openlineage_events';
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
    event_type: 'eventType' in event ? event.eventType ?? null : null,
    event_time: e.eventTime,
    run_id: run?.runId ?? null,
    job_namespace: job?.namespace ?? null,
    job_name: job?.name ?? null,
    payload: e.text ?? JSON.stringify(event),
    received_at: receivedAt,
  };
}

/**
 * The append-only table of accepted OpenLineage events: what the lineage
 * index (and later run tracking) can be rebuilt from.
 */
export class OpenLineageEventLog {
  constructor(private readonly db: Knex) {}

  /**
   * Stores the events not stored before, in the caller's transaction, and
   * returns them in request order. An event repeated within the batch or
   * already in the table is left out: replaying a file is a no-op. `rows`
   * are the events' `eventLogRow`s, in the same order.
   */
  async appendNew(
    tx: Knex.Transaction,
    events: ValidatedEvent[],
    rows: EventLogRow[],
  ): Promise<ValidatedEvent[]> {
    const unique = new Map<string, number>();
    events.forEach((e, i) => {
      if (!unique.has(e.key)) unique.set(e.key, i);
    });
    const order = [...unique.values()];
    const stored = new Set<string>();
    // In request order: ids are the order events were accepted in.
    for (const batch of chunk(order, INSERT_BATCH)) {
      const inserted: { event_key: string }[] = await tx(TABLE)
        .insert(batch.map(i => rows[i]))
        .onConflict('event_key')
        .ignore()
        .returning('event_key');
      for (const row of inserted) stored.add(row.event_key);
    }
    return order.map(i => events[i]).filter(e => stored.has(e.key));
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
   * Deletes events accepted before `receivedBefore` (epoch ms), a bounded
   * batch per statement so that a large backlog never holds one long lock.
   * Returns how many went.
   */
  async prune(receivedBefore: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const count = await this.db(TABLE)
        .whereIn(
          'id',
          this.db(TABLE)
            .select('id')
            .where('received_at', '<', receivedBefore)
            .limit(DELETE_BATCH),
        )
        .delete();
      deleted += count;
      if (count < DELETE_BATCH) return deleted;
    }
  }

  /** How many events are stored. */
  async count(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }
}
