import { ForwardedError } from '@backstage/errors';
import { Knex } from 'knex';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import { EventLoopTurns } from '../../eventLoop/EventLoopTurns';
import { AcceptedEvent, releaseParsed } from './AcceptedEvent';
import { eventNote, EventNote } from './eventNotes';
import { nestingDepth } from './jsonBodyScanner';
import { OpenLineageDeadLetters } from './OpenLineageDeadLetters';
import {
  eventLogRow,
  EventLogRow,
  OpenLineageEventLog,
} from './OpenLineageEventLog';
import {
  BatchVerdicts,
  OpenLineageValidator,
  refusal,
} from './OpenLineageValidator';
import {
  BatchLimits,
  ParsedEventBatch,
  parseEventBatch,
} from './parseEventBatch';
import { RunOwnership, runOfEvent } from './RunOwnership';
import type {
  OpenLineageEventHandler,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { IngestionResult } from './types';

const REBUILD_PAGE = 2000;
const MAX_RETRIES = 3;
/** Notes of each kind an answer lists. */
const MAX_NOTES = 100;
// PostgreSQL deadlock_detected and serialization_failure; SQLite busy.
const TRANSIENT_CODES = new Set(['40P01', '40001', 'SQLITE_BUSY']);

function isTransientConflict(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) {
    if (TRANSIENT_CODES.has(e.code)) return true;
  }
  return false;
}

/** Validated events with their raw rows, ready for their transaction. */
type PreparedBatch = {
  events: AcceptedEvent[];
  rows: EventLogRow[];
  /** Each event's position in the request. */
  indexes: number[];
  received: number;
  refused: BatchVerdicts['refused'];
  warnings: EventNote[];
  receivedAt: number;
};

/** What storing a prepared batch did. */
type Stored = { accepted: number; conflicts: number[] };

/**
 * Accepts batches of OpenLineage events: validates them, then stores the
 * new ones in the raw event log and runs every handler on them in one
 * transaction. The caller acknowledges only after the commit; a failed
 * batch leaves nothing behind.
 *
 * A request (`ingestBody`) stores every valid event of its batch and keeps
 * the refused ones as dead letters, in the same transaction; a batch of
 * nothing but refused events is answered with a 400. The programmatic
 * `ingest` (seed files, the demo feeder) stores all or nothing.
 */
export class OpenLineageIngestor {
  private readonly db: Knex;
  private readonly validator: OpenLineageValidator;
  private readonly log: OpenLineageEventLog;
  private readonly handlers: readonly OpenLineageEventHandler[];
  private readonly deadLetters?: OpenLineageDeadLetters;
  private readonly runs: RunOwnership;
  private readonly now: () => number;
  private readonly turns = new EventLoopTurns();

  constructor(options: {
    db: Knex;
    validator: OpenLineageValidator;
    /** Run in this order on every batch. */
    handlers: readonly OpenLineageEventHandler[];
    /** Where refused events are kept; without it they are only answered. */
    deadLetters?: OpenLineageDeadLetters;
    now?: () => number;
  }) {
    this.db = options.db;
    this.validator = options.validator;
    this.log = new OpenLineageEventLog(options.db);
    this.handlers = options.handlers;
    this.deadLetters = options.deadLetters;
    this.runs = new RunOwnership(options.db);
    this.now = options.now ?? Date.now;
  }

  /** Which job each run id belongs to, for retention. */
  get runOwnership(): RunOwnership {
    return this.runs;
  }

  /** The raw event log, for retention and inspection. */
  get eventLog(): OpenLineageEventLog {
    return this.log;
  }

  /** The dead-letter store, when there is one. */
  get deadLetterStore(): OpenLineageDeadLetters | undefined {
    return this.deadLetters;
  }

  /**
   * Validates and stores a batch, all or nothing: throws an InputError
   * naming the invalid events (nothing is stored then); resolves once the
   * batch is committed. `texts`, when given, are the JSON texts the values
   * were parsed from, stored as the raw events. The values are not changed.
   */
  async ingest(values: unknown[], texts?: string[]): Promise<IngestionResult> {
    const { accepted, warnings } = this.validator.validateAll(values, texts);
    const prepared = await this.prepare(
      {
        accepted,
        indexes: accepted.map((_, i) => i),
        refused: [],
        warnings,
      },
      values.length,
      new EventLoopBudget(),
    );
    const { batch, stored } = await this.transaction(async tx => {
      const claimed = await this.claimRuns(tx, prepared);
      if (claimed.refused.length > 0) {
        throw refusal(
          claimed.refused.map(r => r.note),
          prepared.received,
          'none was stored',
          { checkedAll: true },
        );
      }
      return { batch: claimed, stored: await this.store(tx, claimed) };
    });
    return this.answer(batch, stored);
  }

  /**
   * A request body: parses it within `limits`, validates and prepares its
   * events when its turn comes (one request at a time, in slices that hand
   * the event loop back; see EventLoopTurns), then stores the valid ones
   * and keeps the refused ones as dead letters (`sender` says whose).
   */
  async ingestBody(
    body: Buffer,
    options: { ndjson: boolean; limits?: BatchLimits; sender?: string },
  ): Promise<IngestionResult> {
    const prepared = await this.turns.run(async budget => {
      const batch = await parseEventBatch(body, { ...options, budget });
      return this.prepareBatch(batch, budget);
    });
    return this.storeLeniently(prepared, options.sender);
  }

  /**
   * `ingestBody` for a parsed body, which it takes over: the batch's
   * `values` are emptied once validated, so that nothing but the ingestion
   * holds the parsed events (see `OpenLineageEventHandler.prepare`).
   */
  async ingestBatch(
    batch: ParsedEventBatch,
    budget = new EventLoopBudget(),
  ): Promise<IngestionResult> {
    return this.storeLeniently(await this.prepareBatch(batch, budget));
  }

  private async prepareBatch(
    batch: ParsedEventBatch,
    budget: EventLoopBudget,
  ): Promise<PreparedBatch> {
    const received = batch.values.length;
    const verdicts = await this.validator.validateBatch(batch, budget);
    batch.values = [];
    return this.prepare(verdicts, received, budget);
  }

  /**
   * The raw event rows of a batch and what each handler prepares of its
   * events, after which the parsed events are let go of.
   */
  private async prepare(
    verdicts: Omit<BatchVerdicts, 'accepted'> & { accepted: AcceptedEvent[] },
    received: number,
    budget: EventLoopBudget,
  ): Promise<PreparedBatch> {
    const receivedAt = this.now();
    const rows: EventLogRow[] = [];
    const preparing = this.handlers.filter(h => h.prepare);
    const events = verdicts.accepted;
    for (const e of events) {
      if (budget.spent()) await budget.yield();
      rows.push(eventLogRow(e as unknown as ValidatedEvent, receivedAt));
      for (const handler of preparing) {
        (e.prepared ??= new Map()).set(
          handler.name,
          handler.prepare!(e as unknown as ValidatedEvent),
        );
      }
    }
    releaseParsed(events as unknown as ValidatedEvent[]);
    return {
      events,
      rows,
      indexes: verdicts.indexes,
      received,
      refused: verdicts.refused,
      warnings: verdicts.warnings,
      receivedAt,
    };
  }

  /**
   * Stores the valid events of a batch and keeps its refused ones as dead
   * letters, in one transaction; when none was valid, answers a 400 after
   * keeping them.
   */
  private async storeLeniently(
    prepared: PreparedBatch,
    sender?: string,
  ): Promise<IngestionResult> {
    const { batch, stored } = await this.transaction(async tx => {
      const claimed = await this.claimRuns(tx, prepared);
      await this.deadLetters?.add(
        tx,
        claimed.refused,
        claimed.receivedAt,
        sender,
      );
      return { batch: claimed, stored: await this.store(tx, claimed) };
    });
    if (batch.events.length === 0) {
      throw refusal(
        batch.refused.map(r => r.note),
        batch.received,
        this.deadLetters
          ? 'none was stored; they are kept as dead letters'
          : 'none was stored',
        { checkedAll: true },
      );
    }
    return this.answer(batch, stored);
  }

  /**
   * The batch without its events whose run id belongs to another job (see
   * RunOwnership), which join its refused events; claims the run ids no
   * job has yet, in `tx`.
   */
  private async claimRuns(
    tx: Knex.Transaction,
    prepared: PreparedBatch,
  ): Promise<PreparedBatch> {
    const foreign = await this.runs.claim(
      tx,
      prepared.rows.map(r => ({
        runId: r.run_id,
        jobNamespace: r.job_namespace,
        jobName: r.job_name,
      })),
      prepared.receivedAt,
    );
    if (foreign.length === 0) return prepared;
    const ownerAt = new Map(foreign.map(f => [f.position, f.owner]));
    const kept: PreparedBatch = {
      ...prepared,
      events: [],
      rows: [],
      indexes: [],
      refused: [...prepared.refused],
    };
    prepared.events.forEach((e, i) => {
      const owner = ownerAt.get(i);
      if (owner === undefined) {
        kept.events.push(e);
        kept.rows.push(prepared.rows[i]);
        kept.indexes.push(prepared.indexes[i]);
        return;
      }
      kept.refused.push({
        note: eventNote(prepared.indexes[i], e.event, e.kind, {
          pointer: '/run/runId',
          message: `belongs to job ${owner}, which used it first: a run id names one run of one job (409 Conflict)`,
        }),
        text: prepared.rows[i].payload,
      });
    });
    kept.refused.sort((a, b) => a.note.index - b.note.index);
    return kept;
  }

  /** Stores a prepared batch's new events and runs the handlers on them, in `tx`. */
  private async store(
    tx: Knex.Transaction,
    prepared: PreparedBatch,
  ): Promise<Stored> {
    const events = prepared.events as unknown as ValidatedEvent[];
    const { fresh, conflicts, revisions } = await this.log.appendNew(
      tx,
      events,
      prepared.rows,
    );
    // A revision's new lineage and run facts count too; the stored event
    // stays what a rebuild starts from.
    await this.runHandlers([...fresh, ...revisions], tx);
    return { accepted: fresh.length, conflicts };
  }

  private answer(prepared: PreparedBatch, stored: Stored): IngestionResult {
    const refused = prepared.refused.length;
    const conflicts = stored.conflicts.length;
    const conflictNotes = stored.conflicts.map(i =>
      eventNote(
        prepared.indexes[i],
        prepared.events[i].event,
        prepared.events[i].kind,
        {
          pointer: '',
          message:
            'has the identity of an event stored before, with another payload: the first stays, this one is kept as a revision',
        },
      ),
    );
    const warnings = [...prepared.warnings, ...conflictNotes]
      .sort((a, b) => a.index - b.index)
      .slice(0, MAX_NOTES);
    return {
      received: prepared.received,
      accepted: stored.accepted,
      duplicates: prepared.received - refused - conflicts - stored.accepted,
      ...(conflicts ? { conflicts } : {}),
      ...(refused
        ? {
            refused,
            refusals: prepared.refused.slice(0, MAX_NOTES).map(r => r.note),
          }
        : {}),
      ...(warnings.length ? { warnings } : {}),
    };
  }

  /**
   * Replays dead letters, those of `ids` or all of them: each is validated
   * again (after a fix of the configuration or of the code) and stored if
   * it is valid now, then forgotten; one refused again stays, with its new
   * reason.
   */
  async replayDeadLetters(ids?: string[]): Promise<IngestionResult> {
    const deadLetters = this.deadLetters;
    if (!deadLetters) throw new Error('This ingestor keeps no dead letters');
    const total: IngestionResult = { received: 0, accepted: 0, duplicates: 0 };
    const refusals: EventNote[] = [];
    const warnings: EventNote[] = [];
    for (let after = '0'; ; ) {
      const letters = await deadLetters.forReplay({ ids, after, limit: 500 });
      if (letters.length === 0) break;
      after = letters[letters.length - 1].id;
      const batch = parseDeadLetters(
        letters,
        this.validator.limits.maxNestingDepth,
      );
      const prepared = await this.turns.run(budget =>
        this.prepareBatch(batch, budget),
      );
      const replayedAt = this.now();
      const { batch: claimed, stored } = await this.transaction(async tx => {
        const kept = await this.claimRuns(tx, prepared);
        const refusedIds = new Set<string>();
        for (const { note } of kept.refused) {
          const id = letters[note.index].id;
          refusedIds.add(id);
          await deadLetters.refusedAgain(tx, id, note, replayedAt);
        }
        await deadLetters.remove(
          tx,
          letters.map(l => l.id).filter(id => !refusedIds.has(id)),
        );
        return { batch: kept, stored: await this.store(tx, kept) };
      });
      const answer = this.answer(claimed, stored);
      total.received += answer.received;
      total.accepted += answer.accepted;
      total.duplicates += answer.duplicates;
      if (answer.conflicts)
        total.conflicts = (total.conflicts ?? 0) + answer.conflicts;
      if (answer.refused) total.refused = (total.refused ?? 0) + answer.refused;
      // Notes name dead letters by id, not by their place in this page.
      const byId = (note: EventNote) => ({
        ...note,
        event: `dead letter ${letters[note.index].id}${
          note.event ? `, ${note.event}` : ''
        }`,
      });
      refusals.push(...(answer.refusals ?? []).map(byId));
      warnings.push(...(answer.warnings ?? []).map(byId));
    }
    return {
      ...total,
      ...(refusals.length ? { refusals: refusals.slice(0, MAX_NOTES) } : {}),
      ...(warnings.length ? { warnings: warnings.slice(0, MAX_NOTES) } : {}),
    };
  }

  /**
   * Rebuilds what the handlers derive from events (observed lineage, runs,
   * what modules' handlers keep) from the raw event log: resets each
   * handler, then validates again and replays every retained event in the
   * order it was accepted, then every revision. Validated again, so that
   * today's rules apply (facets left out, run ids made canonical, names
   * mapped); an event they refuse now is skipped and counted. One
   * transaction: readers see the old state until it commits, and a failed
   * rebuild changes nothing. Events pruned by retention are not replayed.
   */
  async rebuild(): Promise<{ events: number; skipped?: number }> {
    return this.db.transaction(async tx => {
      for (const handler of this.handlers) await handler.reset?.(tx);
      const log = new OpenLineageEventLog(tx);
      let replayed = 0;
      let skipped = 0;
      for (const table of ['events', 'revisions'] as const) {
        for (let after = 0; ; ) {
          const page = await log.payloads(table, after, REBUILD_PAGE);
          if (page.payloads.length === 0) break;
          const events: ValidatedEvent[] = [];
          for (const [i, payload] of page.payloads.entries()) {
            const verdict = this.validator.check(
              JSON.parse(payload),
              i,
              payload,
              true,
            );
            if ('refused' in verdict) skipped++;
            else events.push(verdict.accepted as unknown as ValidatedEvent);
          }
          // Events stored before run ids had owners may name another
          // job's run: left out, as they would be refused today.
          const foreign = new Set(
            (await this.runs.claim(tx, events.map(runOfEvent), this.now())).map(
              f => f.position,
            ),
          );
          skipped += foreign.size;
          await this.runHandlers(
            events.filter((_, i) => !foreign.has(i)),
            tx,
          );
          if (table === 'events') replayed += events.length - foreign.size;
          after = page.lastId;
        }
      }
      return { events: replayed, ...(skipped ? { skipped } : {}) };
    });
  }

  /**
   * Runs a batch's transaction again when the database aborted it to break a
   * deadlock or a serialization conflict with a concurrent batch: nothing of
   * it was stored, and storing it again is idempotent.
   */
  private async transaction<T>(
    work: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    for (let retry = 1; ; retry++) {
      try {
        return await this.db.transaction(work);
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

/**
 * Dead letters as a parsed batch: each payload one event (an array stays
 * one value, refused again as no object), by its position in `letters`.
 */
function parseDeadLetters(
  letters: { payload?: string }[],
  maxDepth: number,
): ParsedEventBatch {
  const values: unknown[] = [];
  const texts: string[] = [];
  const unreadable = new Map<number, string>();
  for (const [index, letter] of letters.entries()) {
    texts.push(letter.payload ?? '');
    values.push(undefined);
    if (letter.payload === undefined) {
      unreadable.set(
        index,
        'was larger than deadLetters.maxPayloadSize when it was refused: its payload was not kept',
      );
      continue;
    }
    const bytes = Buffer.from(letter.payload, 'utf8');
    if (nestingDepth(bytes, 0, bytes.length, maxDepth) > maxDepth) {
      unreadable.set(
        index,
        `nests objects and arrays deeper than ${maxDepth} levels (dataPlatform.openLineage.maxNestingDepth)`,
      );
      continue;
    }
    try {
      values[index] = JSON.parse(letter.payload);
    } catch (error) {
      unreadable.set(index, `is not valid JSON (${(error as Error).message})`);
    }
  }
  return { values, texts, unreadable };
}
