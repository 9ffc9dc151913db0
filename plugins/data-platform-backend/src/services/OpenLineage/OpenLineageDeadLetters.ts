import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import { storableText } from '../../database/storableText';
import { nextTurn } from '../../eventLoop/EventLoopBudget';
import type { EventNote } from './eventNotes';

const TABLE = 'openlineage_dead_letters';
const BATCH = 500;

/** How much the dead-letter store keeps (`dataPlatform.openLineage.deadLetters`). */
export type DeadLetterLimits = {
  /** The newest this many refused events are kept. */
  maxEvents: number;
  /** Payloads larger than this (bytes) are not kept, only why they were refused. */
  maxPayloadBytes: number;
};

/** A refused event as the store keeps it. */
export type DeadLetter = {
  id: string;
  /** When it was refused (ISO 8601). */
  receivedAt: string;
  /** Its position in the request it came in. */
  index: number;
  /** The event as far as it could be named. */
  event: string;
  reasons: { pointer: string; path: string; message: string }[];
  sender?: string;
  /** Bytes of the event as sent. */
  payloadSize: number;
  /** Whether its payload was kept, so that it can be replayed. */
  replayable: boolean;
  /** Replays that refused it again. */
  replays: number;
  lastReplayedAt?: string;
};

type Row = {
  id: number | string;
  received_at: number | string;
  event_index: number;
  event: string;
  reasons: string;
  payload: Buffer | null;
  payload_size: number;
  sender: string | null;
  replays: number;
  last_replayed_at: number | string | null;
};

function toDeadLetter(
  row: Row & { payload_kept?: number | boolean },
): DeadLetter {
  const lastReplayedAt = row.last_replayed_at;
  return {
    id: String(row.id),
    receivedAt: new Date(Number(row.received_at)).toISOString(),
    index: row.event_index,
    event: row.event,
    reasons: JSON.parse(row.reasons),
    ...(row.sender ? { sender: row.sender } : {}),
    payloadSize: row.payload_size,
    replayable: Boolean(row.payload_kept ?? row.payload !== null),
    replays: row.replays,
    ...(lastReplayedAt !== null
      ? { lastReplayedAt: new Date(Number(lastReplayedAt)).toISOString() }
      : {}),
  };
}

const reasonsOf = (note: EventNote) =>
  storableText(
    JSON.stringify([
      { pointer: note.pointer, path: note.path, message: note.message },
    ]),
  );

/**
 * Refused OpenLineage events, kept for an administrator to look at and to
 * replay after a fix. Bounded: each write keeps only the newest `maxEvents`
 * (by id, so no count is needed), and retention prunes by age.
 */
export class OpenLineageDeadLetters {
  constructor(
    private readonly db: Knex,
    private readonly limits: DeadLetterLimits,
  ) {}

  /** Keeps refused events, in the caller's transaction. */
  async add(
    tx: Knex.Transaction,
    refused: { note: EventNote; text?: string }[],
    receivedAt: number,
    sender?: string,
  ): Promise<void> {
    let newest = 0;
    for (const batch of chunk(refused, BATCH)) {
      const rows = batch.map(({ note, text }) => {
        const payload = text === undefined ? undefined : Buffer.from(text);
        const size = payload?.length ?? 0;
        return {
          received_at: receivedAt,
          event_index: note.index,
          event: storableText(note.event),
          reasons: reasonsOf(note),
          payload:
            payload && size <= this.limits.maxPayloadBytes ? payload : null,
          payload_size: size,
          sender: sender ? storableText(sender).slice(0, 512) : null,
        };
      });
      const ids: { id: number | string }[] = await tx(TABLE)
        .insert(rows)
        .returning('id');
      for (const { id } of ids) newest = Math.max(newest, Number(id));
      await nextTurn();
    }
    if (newest > this.limits.maxEvents) {
      await tx(TABLE)
        .where('id', '<=', newest - this.limits.maxEvents)
        .delete();
    }
  }

  /** A page of dead letters, newest first, before the id `before`. */
  async list(options: {
    limit: number;
    before?: string;
  }): Promise<{ deadLetters: DeadLetter[]; total: number }> {
    const query = this.db(TABLE)
      .select(
        'id',
        'received_at',
        'event_index',
        'event',
        'reasons',
        'payload_size',
        'sender',
        'replays',
        'last_replayed_at',
        // Whether a payload was kept, without reading it.
        this.db.raw(
          'CASE WHEN payload IS NULL THEN 0 ELSE 1 END AS payload_kept',
        ),
      )
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.before !== undefined) query.where('id', '<', options.before);
    const [rows, [{ total }]] = await Promise.all([
      query,
      this.db(TABLE).count({ total: '*' }),
    ]);
    return {
      deadLetters: (rows as (Row & { payload_kept: number })[]).map(
        toDeadLetter,
      ),
      total: Number(total),
    };
  }

  /** One dead letter with its payload as text. */
  async get(id: string): Promise<DeadLetter & { payload?: string }> {
    const row: Row | undefined = await this.db(TABLE).where('id', id).first();
    if (!row) throw new NotFoundError(`No dead letter ${id}`);
    return {
      ...toDeadLetter(row),
      ...(row.payload
        ? { payload: Buffer.from(row.payload).toString('utf8') }
        : {}),
    };
  }

  /**
   * Dead letters to replay, oldest first: those of `ids`, or every one after
   * the id `after`; `limit` at a time.
   */
  async forReplay(options: {
    ids?: string[];
    after: string;
    limit: number;
  }): Promise<{ id: string; index: number; payload?: string }[]> {
    const query = this.db(TABLE)
      .select('id', 'event_index', 'payload')
      .where('id', '>', options.after)
      .orderBy('id')
      .limit(options.limit);
    if (options.ids) query.whereIn('id', options.ids);
    const rows: Pick<Row, 'id' | 'event_index' | 'payload'>[] = await query;
    return rows.map(row => ({
      id: String(row.id),
      index: row.event_index,
      ...(row.payload
        ? { payload: Buffer.from(row.payload).toString('utf8') }
        : {}),
    }));
  }

  /** Forgets dead letters a replay stored, in the caller's transaction. */
  async remove(tx: Knex.Transaction, ids: string[]): Promise<void> {
    for (const batch of chunk(ids, BATCH)) {
      await tx(TABLE).whereIn('id', batch).delete();
    }
  }

  /** Records that a replay refused a dead letter again, and why. */
  async refusedAgain(
    tx: Knex.Transaction,
    id: string,
    note: EventNote,
    at: number,
  ): Promise<void> {
    await tx(TABLE)
      .where('id', id)
      .update({
        reasons: reasonsOf(note),
        replays: tx.raw('replays + 1'),
        last_replayed_at: at,
      });
  }

  /** Deletes dead letters received before `receivedBefore` (epoch ms); how many went. */
  async prune(receivedBefore: number): Promise<number> {
    return this.db(TABLE).where('received_at', '<', receivedBefore).delete();
  }
}
