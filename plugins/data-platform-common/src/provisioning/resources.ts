import type { PartitionGranularity } from '../kinds/entities';
import type { SchemaField } from '../schema/fields';

/**
 * The infrastructure the catalog describes, as provisioners create and keep
 * it. Named after what they are on Google Cloud, where the catalog's
 * endpoint types live (`bigquery-table`, `pubsub-topic`); a provisioner for
 * another target (the local warehouse) maps the ones it can onto its own.
 */
export const RESOURCE_TYPES = [
  'bigquery-dataset',
  'bigquery-table',
  'pubsub-topic',
  'pubsub-schema',
  'pubsub-subscription',
  'delivery',
] as const;

/** One of {@link RESOURCE_TYPES}. */
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** What people call each resource type on pages and in plans. */
export const RESOURCE_TYPE_TITLES: Record<ResourceType, string> = {
  'bigquery-dataset': 'BigQuery dataset',
  'bigquery-table': 'BigQuery table',
  'pubsub-topic': 'Pub/Sub topic',
  'pubsub-schema': 'Pub/Sub schema',
  'pubsub-subscription': 'Pub/Sub subscription',
  delivery: 'Delivery (topic to table)',
};

/**
 * Someone granted access to a resource: a catalog Group or User, with the
 * e-mail address its catalog entity gives (`spec.profile.email`), which
 * Google's IAM needs.
 */
export type Principal = {
  /** Entity ref, e.g. `group:default/analysts`. */
  ref: string;
  email?: string;
};

/** Readers and writers, from the endpoint's `spec.access`. */
export type ResourceAccess = {
  readers: Principal[];
  writers: Principal[];
};

/** A BigQuery dataset (a table's container). */
export type DatasetSpec = {
  project: string;
  dataset: string;
  labels: Record<string, string>;
};

/** Time partitioning of a table: by a column, or by arrival when `field` is unset. */
export type TimePartitioning = {
  granularity: Exclude<PartitionGranularity, 'NONE'>;
  field?: string;
};

/** A BigQuery table. */
export type TableSpec = {
  project: string;
  dataset: string;
  table: string;
  description?: string;
  /** The columns, nested RECORDs and REPEATED modes included, with PII marks. */
  fields: SchemaField[];
  timePartitioning?: TimePartitioning;
  /** The endpoint's further partition keys (BigQuery clusters by at most four). */
  clustering: string[];
  /** From `retentionDays`, when the table is partitioned. */
  partitionExpirationDays?: number;
  /** Queries must filter on the partition column (partitioned tables). */
  requirePartitionFilter: boolean;
  labels: Record<string, string>;
  access: ResourceAccess;
};

/** A Pub/Sub schema: the event type's Avro definition, one revision per schema revision. */
export type TopicSchemaSpec = {
  project: string;
  schema: string;
  /** The Avro schema (JSON text) of the event type's current revision. */
  definition: string;
  /** The event type's schema revision the definition was made from. */
  revision: number;
};

/** A Pub/Sub topic. */
export type TopicSpec = {
  project: string;
  topic: string;
  /** From `retentionDays` (Pub/Sub keeps messages 31 days at most). */
  messageRetentionDays?: number;
  /** The Pub/Sub schema messages are checked against, when the endpoint stores an event type. */
  schema?: { project: string; schema: string; encoding: 'JSON' };
  labels: Record<string, string>;
  /** Writers publish; readers may subscribe. */
  access: ResourceAccess;
};

/** A pull subscription of a pipeline that reads the topic. */
export type SubscriptionSpec = {
  project: string;
  subscription: string;
  topic: string;
  /** The Pipeline reading it. */
  consumer: string;
  labels: Record<string, string>;
  /** Owners of the consuming pipeline may pull. */
  subscribers: Principal[];
};

/** How the delivery treats personal data on the way into the table. */
export type DeliveryAnonymization = {
  /** Field paths removed. */
  dropped: string[];
  /** Field paths replaced by a keyed hash. */
  pseudonymized: string[];
  /** Field paths whose classification is not applied yet (`encrypt`). */
  notApplied: string[];
};

/**
 * An event type's topic landing in a table it stores: on Google Cloud a
 * BigQuery subscription with a single message transform generated from the
 * schema's PII marks.
 */
export type DeliverySpec = {
  project: string;
  subscription: string;
  topic: string;
  table: { project: string; dataset: string; table: string };
  /** The EventType delivered. */
  eventType: string;
  /** Its schema revision, and the fields the transform is generated from. */
  revision: number;
  fields: SchemaField[];
  anonymization: DeliveryAnonymization;
  /** A declared Pipeline from the topic to the table that this delivery realizes. */
  pipeline?: string;
  labels: Record<string, string>;
};

type Resource<T extends ResourceType, S> = {
  type: T;
  /** Stable address, e.g. `bigquery-table:proj.dataset.table`. */
  id: string;
  /** The catalog entity the resource comes from (its Infrastructure tab shows it). */
  entityRef: string;
  /** Owner of that entity. */
  owner: string;
  /** Resources created before this one (its dataset, its topic). */
  dependsOn: string[];
  /** The EventType whose schema it carries, if any (its page shows it too). */
  eventType?: string;
  spec: S;
};

/** A resource as the catalog says it should be. */
export type DesiredResource =
  | Resource<'bigquery-dataset', DatasetSpec>
  | Resource<'bigquery-table', TableSpec>
  | Resource<'pubsub-topic', TopicSpec>
  | Resource<'pubsub-schema', TopicSchemaSpec>
  | Resource<'pubsub-subscription', SubscriptionSpec>
  | Resource<'delivery', DeliverySpec>;

/** The desired resource of one type. */
export type DesiredResourceOf<T extends ResourceType> = Extract<
  DesiredResource,
  { type: T }
>;

/** IAM-style access as observed: role -> members (`group:x@example.com`, ...). */
export type ObservedBindings = Record<string, string[]>;

/** A table as a provisioner found it. */
export type ObservedTable = Omit<TableSpec, 'access' | 'fields'> & {
  fields: SchemaField[];
  /** Policy tag per column path, where one is set. */
  policyTags?: Record<string, string>;
  bindings?: ObservedBindings;
};

/** A topic schema as found: its revisions, oldest first. */
export type ObservedTopicSchema = {
  project: string;
  schema: string;
  revisions: { revisionId: string; definition: string; createdAt?: string }[];
};

/** A topic as found. */
export type ObservedTopic = Omit<TopicSpec, 'access'> & {
  /** Revision range the topic accepts, when it has a schema. */
  schemaRevisions?: { first?: string; last?: string };
  bindings?: ObservedBindings;
};

/** A subscription as found. */
export type ObservedSubscription = Omit<SubscriptionSpec, 'subscribers'> & {
  bindings?: ObservedBindings;
};

/** A delivery as found: its target and the fingerprint of its transform. */
export type ObservedDelivery = Omit<
  DeliverySpec,
  'fields' | 'anonymization' | 'revision' | 'eventType' | 'pipeline'
> & {
  /** Fingerprint of the installed transform; unset when it has none. */
  transformFingerprint?: string;
  /** E.g. Pub/Sub's subscription state: ACTIVE, PERMISSION_DENIED, ... */
  state?: string;
};

type Observed<T extends ResourceType, S> = {
  type: T;
  id: string;
  spec: S;
  etag?: string;
  /** What the provisioner's `versions` reports of it, when it reports versions. */
  version?: string;
};

/** What a provisioner found of a resource; absent from its answer when missing. */
export type ObservedResource =
  | Observed<'bigquery-dataset', DatasetSpec>
  | Observed<'bigquery-table', ObservedTable>
  | Observed<'pubsub-topic', ObservedTopic>
  | Observed<'pubsub-schema', ObservedTopicSchema>
  | Observed<'pubsub-subscription', ObservedSubscription>
  | Observed<'delivery', ObservedDelivery>;

/** The observed resource of one type. */
export type ObservedResourceOf<T extends ResourceType> = Extract<
  ObservedResource,
  { type: T }
>;

/** Stable resource addresses. */
export const resourceIds = {
  dataset: (project: string, dataset: string) =>
    `bigquery-dataset:${project}.${dataset}`,
  table: (project: string, dataset: string, table: string) =>
    `bigquery-table:${project}.${dataset}.${table}`,
  topic: (project: string, topic: string) => `pubsub-topic:${project}/${topic}`,
  schema: (project: string, schema: string) =>
    `pubsub-schema:${project}/${schema}`,
  subscription: (project: string, subscription: string) =>
    `pubsub-subscription:${project}/${subscription}`,
  delivery: (project: string, subscription: string) =>
    `delivery:${project}/${subscription}`,
};
