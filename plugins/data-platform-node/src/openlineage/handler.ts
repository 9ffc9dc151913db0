import type { Knex } from 'knex';
import type { ValidatedEvent } from './events';

/**
 * Something done with each accepted batch of OpenLineage events, inside the
 * transaction that stores them: the response is sent only after every
 * handler has run and the transaction has committed, and a handler that
 * throws rolls the whole batch back (the sender gets an error and sends it
 * again).
 *
 * Handlers see events that are new to the raw event table (a replayed event
 * is not handed out again), in request order, which need not be event-time
 * order: a COMPLETE may come before its START. An event re-sent with the
 * identity of a stored one but another payload (a correction) is handed out
 * too, once per distinct payload, after the new events of its batch. They
 * must nevertheless be idempotent, because a rebuild replays every stored
 * event, then every such revision, through them.
 *
 * Events come as the ingestion accepted them, which may differ from what
 * was sent (the raw event table keeps that): facets that break their schema
 * are left out, run ids are in their canonical form (lower case, no
 * `urn:uuid:`), and job and dataset names are as the configured mapping
 * rules (`dataPlatform.openLineage.mappings`) make them.
 * Write rows in a deterministic order (sorted by their key): batches run
 * concurrently, and PostgreSQL aborts one of two transactions that lock the
 * same rows in opposite orders (the ingestor then retries it, a few times).
 *
 * Add handlers from a backend module through
 * `dataPlatformOpenLineageExtensionPoint`. The plugin's own handlers run
 * first, then the modules' in the order they were added.
 *
 * @public
 */
export interface OpenLineageEventHandler {
  /** Unique among the plugin's handlers; shown in logs and errors. */
  readonly name: string;
  /**
   * Optional: what `handle` will need of one event, taken as soon as its
   * batch is validated; `handle` gets it with `preparedFor(event, this)`.
   * Once every handler has prepared the batch, the ingestor lets go of the
   * parsed events that it can parse again from their NDJSON text (reading
   * `event` then parses it again), so that they do not live until the
   * batch commits: under load, keeping them was most of the garbage
   * collector's work. Events replayed by a rebuild come unprepared.
   */
  prepare?(event: ValidatedEvent): unknown;
  /**
   * Does the handler's work for a batch, through `tx` only: whatever it
   * writes elsewhere is not undone when the batch rolls back.
   */
  handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void>;
  /**
   * Forgets everything this handler derived from events, before a rebuild
   * replays the stored events through it. Optional: a handler without it is
   * replayed on top of its current state.
   */
  reset?(tx: Knex.Transaction): Promise<void>;
}

/**
 * What `handler.prepare` took of an event: as the ingestor prepared it, or
 * taken now for an event that comes unprepared (replayed by a rebuild).
 *
 * @public
 */
export function preparedFor<T>(
  event: ValidatedEvent,
  handler: { readonly name: string; prepare(event: ValidatedEvent): T },
): T {
  return event.prepared?.has(handler.name)
    ? (event.prepared.get(handler.name) as T)
    : handler.prepare(event);
}
