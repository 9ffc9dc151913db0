/** What one ingestion request did. */
export type IngestionResult = {
  /** Events in the request. */
  received: number;
  /** Events stored for the first time. */
  accepted: number;
  /** Events already stored before (or repeated within the request). */
  duplicates: number;
};
