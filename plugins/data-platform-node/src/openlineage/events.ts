/**
 * Free-form facets of a run, job or dataset, by facet name. Each facet keeps
 * the fields the producer sent (`_producer`, `_schemaURL` and its own).
 *
 * @public
 */
export type OpenLineageFacets = Record<string, Record<string, unknown>>;

/**
 * A dataset as OpenLineage names it: `namespace` + `name`, e.g.
 * `bigquery` + `project.dataset.table`.
 *
 * @public
 */
export type OpenLineageDataset = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets;
  inputFacets?: OpenLineageFacets;
  outputFacets?: OpenLineageFacets;
};

/**
 * A job as OpenLineage names it: `namespace` + `name`, e.g. `airflow` +
 * `dag.task`.
 *
 * @public
 */
export type OpenLineageJob = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets;
};

/**
 * The `eventType` of a RunEvent: where in its life the run is.
 *
 * @public
 */
export type OpenLineageRunState =
  | 'START'
  | 'RUNNING'
  | 'COMPLETE'
  | 'ABORT'
  | 'FAIL'
  | 'OTHER';

/**
 * The fields every OpenLineage event has.
 *
 * @public
 */
export type OpenLineageBaseEvent = {
  eventTime: string;
  producer: string;
  schemaURL: string;
};

/**
 * An OpenLineage 2-0-2 RunEvent: a run of a job started, progressed or
 * ended, with the datasets it read and wrote.
 *
 * @public
 */
export type RunEvent = OpenLineageBaseEvent & {
  eventType?: OpenLineageRunState;
  run: { runId: string; facets?: OpenLineageFacets };
  job: OpenLineageJob;
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
};

/**
 * An OpenLineage 2-0-2 JobEvent: what a job is, outside any run.
 *
 * @public
 */
export type JobEvent = OpenLineageBaseEvent & {
  job: OpenLineageJob;
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
};

/**
 * An OpenLineage 2-0-2 DatasetEvent: what a dataset is, outside any job.
 *
 * @public
 */
export type DatasetEvent = OpenLineageBaseEvent & {
  dataset: OpenLineageDataset;
};

/**
 * The three event schemas of the OpenLineage spec.
 *
 * @public
 */
export type OpenLineageEventKind = 'RunEvent' | 'JobEvent' | 'DatasetEvent';

/**
 * What every accepted event carries besides the event itself.
 *
 * @public
 */
export type ValidatedEventBase = {
  /**
   * Stable identity of the event: the same event sent twice has the same
   * key.
   */
  key: string;
  /** `eventTime` as epoch milliseconds. */
  eventTime: number;
  /**
   * The event's JSON as it was received (an NDJSON line, an element of a
   * JSON array), stored as is in the raw event log instead of being
   * serialized again. `event` may differ from it: see
   * `OpenLineageEventHandler`.
   */
  text?: string;
  /** What each handler's `prepare` took of the event, by handler name. */
  prepared?: Map<string, unknown>;
};

/**
 * An event that passed validation against the official OpenLineage JSON
 * Schema. The types name the parts of the spec the data platform reads;
 * everything else an event carries (custom facets, extra fields) is there
 * too, as sent.
 *
 * @public
 */
export type ValidatedEvent =
  | (ValidatedEventBase & { kind: 'RunEvent'; event: RunEvent })
  | (ValidatedEventBase & { kind: 'JobEvent'; event: JobEvent })
  | (ValidatedEventBase & { kind: 'DatasetEvent'; event: DatasetEvent });
