import { ForwardedError } from '@backstage/errors';
import { Knex } from 'knex';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import { EventLoopTurns } from '../../eventLoop/EventLoopTurns';
import { releaseParsed } from './AcceptedEvent';
import {
  eventLogRow,
  EventLogRow,
  OpenLineageEventLog,
} from './OpenLineageEventLog';
import {
  BatchLimits,
  ParsedEventBatch,
  parseEventBatch,
} from './parseEventBatch';
import { OpenLineageValidator } from './OpenLineageValidator';
import type {
  OpenLineageEventHandler,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { IngestionResult } from './types';

const REBUILD_PAGE = 2000;
const MAX_RETRIES = 3;
// PostgreSQL deadlock_detected and serialization_failure; SQLite busy.
const TRANSIENT_CODES = new Set(['40P01', '40001', 'SQLITE_BUSY']);

/** A validated batch, ready for its transaction. */
type PreparedBatch = {
  events: ValidatedEvent[];
  rows: EventLogRow[];
  received: number;
};

function isTransientConflict(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) {
    if (TRANSIENT_CODES.has(e.code)) return true;
  }
  return false;
}

/**
 * Accepts batches of OpenLineage events: validates all of them, then stores
 * the new ones in the raw event log and runs every handler on them in one
 * transaction. The caller acknowledges only after `ingest` resolves, i.e.
 * after the commit; a refused or failed batch leaves nothing behind.
 */
export class OpenLineageIngestor {
  private readonly db: Knex;
  private readonly validator: OpenLineageValidator;
  private readonly log: OpenLineageEventLog;
  private readonly handlers: readonly OpenLineageEventHandler[];
  private readonly now: () => number;
  private readonly turns = new EventLoopTurns();

  constructor(options: {
    db: Knex;
    validator: OpenLineageValidator;
    /** Run in this order on every batch. */
    handlers: readonly OpenLineageEventHandler[];
    now?: () => number;
  }) {
    this.db = options.db;
    this.validator = options.validator;
    this.log = new OpenLineageEventLog(options.db);
    this.handlers = options.handlers;
    this.now = options.now ?? Date.now;
  }

  /** The raw event log, for retention and inspection. */
  get eventLog(): OpenLineageEventLog {
    return this.log;
  }

  /**
   * Validates and stores a batch. Throws an InputError naming each invalid
   * event (nothing is stored then); resolves once the batch is committed.
   * `texts`, when given, are the JSON texts the values were parsed from,
   * stored as the raw events.
   */
  async ingest(values: unknown[], texts?: string[]): Promise<IngestionResult> {
    const events = this.validator.validate(values, texts);
    return this.commit(
      await this.prepare(events, values.length, new EventLoopBudget()),
    );
  }

  /**
   * `ingest` for a request body: parses it within `limits`, validates and
   * prepares its events when its turn comes (one request at a time, in
   * slices that hand the event loop back; see EventLoopTurns), then stores
   * them.
   */
  async ingestBody(
    body: Buffer,
    options: { ndjson: boolean; limits?: BatchLimits },
  ): Promise<IngestionResult> {
    const prepared = await this.turns.run(async budget => {
      const batch = await parseEventBatch(body, { ...options, budget });
      return this.prepareBatch(batch, budget);
    });
    return this.commit(prepared);
  }

  /**
   * `ingest` for a parsed request body, which it takes over: the batch's
   * `values` are emptied once validated, so that nothing but the ingestion
   * holds the parsed events (see `OpenLineageEventHandler.prepare`). The
   * work before the transaction runs in slices, handing the event loop
   * back in between.
   */
  async ingestBatch(
    batch: ParsedEventBatch,
    budget = new EventLoopBudget(),
  ): Promise<IngestionResult> {
    return this.commit(await this.prepareBatch(batch, budget));
  }

  private async prepareBatch(
    batch: ParsedEventBatch,
    budget: EventLoopBudget,
  ): Promise<PreparedBatch> {
    const received = batch.values.length;
    const events = await this.validator.validateBatch(batch, budget);
    batch.values = [];
    return this.prepare(events, received, budget);
  }

  /**
   * The raw event rows of a batch and what each handler prepares of its
   * events, after which the parsed events are let go of.
   */
  private async prepare(
    events: ValidatedEvent[],
    received: number,
    budget: EventLoopBudget,
  ): Promise<PreparedBatch> {
    const receivedAt = this.now();
    const rows: EventLogRow[] = [];
    const preparing = this.handlers.filter(h => h.prepare);
    for (const e of events) {
      if (budget.spent()) await budget.yield();
      rows.push(eventLogRow(e, receivedAt));
      for (const handler of preparing) {
        (e.prepared ??= new Map()).set(handler.name, handler.prepare!(e));
      }
    }
    releaseParsed(events);
    return { events, rows, received };
  }

  /** Stores the new events of a prepared batch and runs the handlers on them, in one transaction. */
  private async commit({
    events,
    rows,
    received,
  }: PreparedBatch): Promise<IngestionResult> {
    const accepted = await this.withRetries(() =>
      this.db.transaction(async tx => {
        const fresh = await this.log.appendNew(tx, events, rows);
        await this.runHandlers(fresh, tx);
        return fresh.length;
      }),
    );
    return { received, accepted, duplicates: received - accepted };
  }

  /**
   * Rebuilds what the handlers derive from events (observed lineage, runs,
   * what modules' handlers keep) from the raw event log: resets each
   * handler, then replays every retained event in the order it was
   * accepted. One
   * transaction: readers see the old state until it commits, and a failed
   * rebuild changes nothing. Events pruned by retention are not replayed.
   */
  async rebuild(): Promise<{ events: number }> {
    return this.db.transaction(async tx => {
      for (const handler of this.handlers) await handler.reset?.(tx);
      const log = new OpenLineageEventLog(tx);
      let replayed = 0;
      for (let after = 0; ; ) {
        const { events, lastId } = await log.page(after, REBUILD_PAGE);
        if (events.length === 0) break;
        await this.runHandlers(events, tx);
        replayed += events.length;
        after = lastId;
      }
      return { events: replayed };
    });
  }

  /**
   * Runs a batch's transaction again when the database aborted it to break a
   * deadlock or a serialization conflict with a concurrent batch: nothing of
   * it was stored, and storing it again is idempotent.
   */
  private async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    for (let retry = 1; ; retry++) {
      try {
        return await attempt();
      } catch (error) {
        if (retry > MAX_RETRIES || !isTransientConflict(error)) throw error;
        await new Promise(r => setTimeout(r, retry * 20 * Math.random()));
      }
    }
  }

  private async runHandlers(events: ValidatedEvent[], tx: Knex.Transaction) {
    if (events.length === 0) return;
    for (const handler of this.handlers) {
      try {
        await handler.handle(events, tx);
      } catch (error) {
        throw new ForwardedError(
          `OpenLineage handler ${handler.name} failed; the batch was not stored`,
          error,
        );
      }
    }
  }
}
