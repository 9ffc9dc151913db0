/** The apiVersion of every kind this project defines. */
export const DATA_PLATFORM_API_VERSION = 'dataplatform.io/v1alpha1';

/** The kind of an event type: the schema of events one or more producers emit. */
export const EVENT_TYPE_KIND = 'EventType';
/** The kind of a pipeline: a job that reads and writes data endpoints. */
export const PIPELINE_KIND = 'Pipeline';
/** The kind of a data endpoint: a dataset or topic (BigQuery table, Pub/Sub topic, GCS path). */
export const DATA_ENDPOINT_KIND = 'DataEndpoint';

/** The three kinds, in the order the catalog list shows them. */
export const DATA_PLATFORM_KINDS = [
  EVENT_TYPE_KIND,
  PIPELINE_KIND,
  DATA_ENDPOINT_KIND,
] as const;

/** One of the kinds this project defines. */
export type DataPlatformKind = (typeof DATA_PLATFORM_KINDS)[number];

/**
 * Annotations that map a catalog entity to its OpenLineage job (Pipeline) or
 * dataset (DataEndpoint). When absent, the name follows OpenLineage's naming
 * convention for the endpoint's location (see `openLineageDatasetName`).
 */
export const ANNOTATION_OPENLINEAGE_NAMESPACE =
  'dataplatform.io/openlineage-namespace';
/** See {@link ANNOTATION_OPENLINEAGE_NAMESPACE}. */
export const ANNOTATION_OPENLINEAGE_NAME = 'dataplatform.io/openlineage-name';

/**
 * When the catalog last saw an entity of the three kinds change: an ISO 8601
 * UTC timestamp that the catalog module's processor stamps on each entity and
 * keeps while the entity's definition stays the same. Ordering a catalog
 * query by it finds the entities changed since a moment without listing the
 * rest, which is how the data-platform backend follows catalog edits.
 */
export const ANNOTATION_CHANGED_AT = 'dataplatform.io/changed-at';

/** Pipeline -> DataEndpoint it reads. */
export const RELATION_READS_FROM = 'readsFrom';
/** DataEndpoint -> Pipeline reading it. */
export const RELATION_READ_BY = 'readBy';
/** Pipeline -> DataEndpoint it writes. */
export const RELATION_WRITES_TO = 'writesTo';
/** DataEndpoint -> Pipeline writing it. */
export const RELATION_WRITTEN_BY = 'writtenBy';
/** DataEndpoint -> EventType whose schema it stores. */
export const RELATION_HAS_EVENT_TYPE = 'hasEventType';
/** EventType -> DataEndpoint storing its events. */
export const RELATION_EVENT_TYPE_OF = 'eventTypeOf';
/** EventType -> Component emitting it. */
export const RELATION_PRODUCED_BY = 'producedBy';
/** Component -> EventType it emits. */
export const RELATION_PRODUCER_OF = 'producerOf';

/** The relation pairs this project adds, as catalog-graph's `relationPairs` expects them. */
export const DATA_PLATFORM_RELATION_PAIRS: [string, string][] = [
  [RELATION_READS_FROM, RELATION_READ_BY],
  [RELATION_WRITES_TO, RELATION_WRITTEN_BY],
  [RELATION_HAS_EVENT_TYPE, RELATION_EVENT_TYPE_OF],
  [RELATION_PRODUCED_BY, RELATION_PRODUCER_OF],
];
