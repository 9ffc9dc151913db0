import { Knex } from 'knex';

/**
 * The parts of OpenLineage 2-0-2 events the ingestion reads. Events are
 * validated against the official JSON Schema before they get these types;
 * everything else they carry (custom facets, extra fields) is kept verbatim
 * in the raw event table.
 */
export type OpenLineageFacets = Record<string, Record<string, unknown>>;

/** A dataset as events name it: `namespace` + `name` (OpenLineage naming). */
export type OpenLineageDataset = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets;
  inputFacets?: OpenLineageFacets;
  outputFacets?: OpenLineageFacets;
};

export type OpenLineageJob = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets;
};

export type OpenLineageRunState =
  | 'START'
  | 'RUNNING'
  | 'COMPLETE'
  | 'ABORT'
  | 'FAIL'
  | 'OTHER';

type BaseEvent = { eventTime: string; producer: string; schemaURL: string };

export type RunEvent = BaseEvent & {
  eventType?: OpenLineageRunState;
  run: { runId: string; facets?: OpenLineageFacets };
  job: OpenLineageJob;
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
};

export type JobEvent = BaseEvent & {
  job: OpenLineageJob;
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
};

export type DatasetEvent = BaseEvent & { dataset: OpenLineageDataset };

/** The three event schemas of the spec. */
export type OpenLineageEventKind = 'RunEvent' | 'JobEvent' | 'DatasetEvent';

/** An event that passed validation, with what every handler needs of it. */
export type ValidatedEvent =
  | (ValidatedEventBase & { kind: 'RunEvent'; event: RunEvent })
  | (ValidatedEventBase & { kind: 'JobEvent'; event: JobEvent })
  | (ValidatedEventBase & { kind: 'DatasetEvent'; event: DatasetEvent });

type ValidatedEventBase = {
  /**
   * Stable identity of the event (see `openLineageEventKey`): the same event
   * sent twice has the same key.
   */
  key: string;
  /** `eventTime` as epoch milliseconds. */
  eventTime: number;
  /**
   * The event's JSON as it was received (an NDJSON line), stored as is in
   * the raw event log instead of being serialized again.
   */
  text?: string;
  /** What each handler's `prepare` took of the event, by handler name. */
  prepared?: Map<string, unknown>;
};

/**
 * Something done with each accepted batch of OpenLineage events, inside the
 * transaction that stores them: the response is sent only after every
 * handler has run and the transaction has committed, and a handler that
 * throws rolls the whole batch back.
 *
 * Handlers see events that are new to the raw event table (a replayed event
 * is not handed out again), in request order, which need not be event-time
 * order: a COMPLETE may come before its START. They must nevertheless be
 * idempotent, because a rebuild replays every stored event through them.
 * Write rows in a deterministic order (sorted by their key): batches run
 * concurrently, and PostgreSQL aborts one of two transactions that lock the
 * same rows in opposite orders (the ingestor then retries it, a few times).
 * Register handlers in the plugin's wiring, e.g. run tracking next to the
 * lineage mapping.
 */
export interface OpenLineageEventHandler {
  /** Shown in logs and errors. */
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
  handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void>;
  /**
   * Forgets everything this handler derived from events, before a rebuild
   * replays the stored events through it. Optional: a handler without it is
   * replayed on top of its current state.
   */
  reset?(tx: Knex.Transaction): Promise<void>;
}

/** What one ingestion request did. */
export type IngestionResult = {
  /** Events in the request. */
  received: number;
  /** Events stored for the first time. */
  accepted: number;
  /** Events already stored before (or repeated within the request). */
  duplicates: number;
};
