import type { EventNote } from './eventNotes';

/**
 * What one ingestion request did. `received` = `accepted` + `duplicates` +
 * `conflicts` + `refused`; the last two, and the notes, are there only when
 * there are some.
 */
export type IngestionResult = {
  /** Events in the request. */
  received: number;
  /** Events stored for the first time. */
  accepted: number;
  /** Events stored before (or earlier in the request) with the same payload. */
  duplicates: number;
  /**
   * Events whose identity was stored before with another payload: the
   * first payload stays the event, this one is kept as a revision.
   */
  conflicts?: number;
  /** Events not stored: each is kept as a dead letter. */
  refused?: number;
  /** Why each refused event was refused (the first 100). */
  refusals?: EventNote[];
  /**
   * What was left out of stored events or read differently, and which were
   * conflicts (the first 100).
   */
  warnings?: EventNote[];
};
