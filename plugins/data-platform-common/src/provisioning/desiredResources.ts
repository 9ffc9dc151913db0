import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  DataEndpointEntity,
  EventTypeEntity,
  PipelineEntity,
} from '../kinds/entities';
import { DATA_ENDPOINT_KIND, EVENT_TYPE_KIND } from '../kinds/constants';
import { exportAvroSchema } from '../schema-formats/avro';
import type { SchemaField } from '../schema/fields';
import { compileAnonymization } from './anonymization';
import { DerivedPiiMarks, withDerivedPii } from './derivedPii';
import {
  DeliveryAnonymization,
  DesiredResource,
  Principal,
  resourceIds,
  ResourceAccess,
  TimePartitioning,
} from './resources';

/** What the desired state is derived from: the catalog's entities of the three kinds. */
export type ProvisioningCatalog = {
  endpoints: DataEndpointEntity[];
  /** The event types the endpoints store. */
  eventTypes: EventTypeEntity[];
  /** Pipelines reading or writing the endpoints (consumers get subscriptions). */
  pipelines: PipelineEntity[];
  /** The e-mail address of a Group or User (`spec.profile.email`), when known. */
  emailOf?: (ref: string) => string | undefined;
  /**
   * The personal data reaching a table endpoint's columns along column
   * lineage (certainty `derived`), when known: those columns get policy
   * tags as if their schema marked them.
   */
  derivedPii?: (endpointRef: string) => DerivedPiiMarks | undefined;
};

/** Settings of the derivation. */
export type DesiredStateOptions = {
  /** Partitioned tables require a partition filter in queries. Default true. */
  requirePartitionFilter?: boolean;
};

/** Something the catalog asks for that cannot become a resource. */
export type DesiredStateProblem = {
  entityRef: string;
  /** The entity field it comes from, e.g. `spec.schema.eventType`. */
  field: string;
  message: string;
};

/** The resources the catalog asks for, and what it asks for that cannot be. */
export type DesiredState = {
  resources: DesiredResource[];
  problems: DesiredStateProblem[];
};

/** Pub/Sub keeps a topic's messages 31 days at most. */
export const MAX_TOPIC_RETENTION_DAYS = 31;
/** BigQuery clusters a table by at most four columns. */
export const MAX_CLUSTERING_COLUMNS = 4;

const LABEL_MANAGED_BY = 'backstage-data-platform';

/**
 * A BigQuery / Pub/Sub label value: lowercase letters, digits, `_` and `-`,
 * at most 63 characters.
 */
export function labelValue(value: string): string {
  return value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 63);
}

/** The full ref of a ref written in an entity's spec. */
function refIn(entity: Entity, ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/**
 * Full refs and labels, remembering what they made during one derivation:
 * owners, systems and hub datasets are named thousands of times.
 */
function cachedNames() {
  const refs = new Map<string, string>();
  const values = new Map<string, string>();
  const valueOf = (name: string) => {
    let value = values.get(name);
    if (value === undefined) {
      value = labelValue(name);
      values.set(name, value);
    }
    return value;
  };
  const fullRef = (entity: Entity, ref: string, defaultKind: string) => {
    const key = `${defaultKind}:${entity.metadata.namespace ?? ''}:${ref}`;
    let full = refs.get(key);
    if (full === undefined) {
      full = refIn(entity, ref, defaultKind);
      refs.set(key, full);
    }
    return full;
  };
  /** The labels of what an entity asks for: managed-by, entity, owner, system. */
  const labelsOf = (entity: Entity & { spec?: any }) => {
    const owner = fullRef(entity, String(entity.spec?.owner ?? ''), 'group');
    const result: Record<string, string> = {
      'managed-by': LABEL_MANAGED_BY,
      entity: labelValue(entity.metadata.name),
      owner: valueOf(parseEntityRef(owner).name),
    };
    if (entity.spec?.system) {
      const system = fullRef(entity, String(entity.spec.system), 'system');
      result.system = valueOf(parseEntityRef(system).name);
    }
    return result;
  };
  return { fullRef, labelsOf };
}

/** Adds `value` to the list under `key`, in place: hubs have thousands. */
function addTo<K, V>(index: Map<K, V[]>, key: K, value: V) {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** A resource name Pub/Sub accepts, made of entity names. */
function pubsubName(...parts: string[]): string {
  return parts
    .join('.')
    .replace(/[^A-Za-z0-9._~+%-]/g, '-')
    .slice(0, 255);
}

/** The fields an event type's PII marks remove or hash on the way in. */
export function anonymizationOf(fields: SchemaField[]): DeliveryAnonymization {
  const compiled = compileAnonymization(fields);
  return {
    dropped: compiled.dropped,
    pseudonymized: compiled.pseudonymized,
    notApplied: compiled.notApplied.map(n => n.path),
  };
}

/**
 * Fields a delivered table stores: the event type's, without those the
 * delivery drops, and pseudonymized values as the STRING tokens that
 * replace them (REPEATED ones as REPEATED STRING).
 */
export function deliveredFields(fields: SchemaField[]): SchemaField[] {
  const { dropped, pseudonymized } = compileAnonymization(fields);
  const gone = new Set(dropped);
  const tokens = new Set(pseudonymized);
  const keep = (list: SchemaField[], prefix: string): SchemaField[] =>
    list
      .filter(f => !gone.has(prefix + f.name))
      .map(f => {
        const path = prefix + f.name;
        if (tokens.has(path)) {
          const { fields: _nested, ...scalar } = f;
          return { ...scalar, type: 'STRING' };
        }
        return f.fields
          ? { ...f, fields: keep(f.fields, `${path}.`) }
          : { ...f };
      });
  return keep(fields, '');
}

/**
 * The resources the catalog's endpoints and event types need:
 * - a BigQuery table endpoint: its dataset and table (schema from its event
 *   type, without the fields the delivery drops, or its own fields; time
 *   partitioning, clustering by the further keys, partition expiration from
 *   `retentionDays`, labels, readers and writers);
 * - a Pub/Sub topic endpoint: the topic (retention, labels, access), a
 *   Pub/Sub schema of its event type's Avro and a pull subscription for each
 *   Pipeline reading it;
 * - an event type with a topic and a table that stores it: the delivery from
 *   the one to the other, realizing a declared Pipeline between them if there
 *   is one (which then gets no subscription of its own);
 * - a GCS path: nothing (observed only; buckets are not created).
 */
export function desiredResources(
  catalog: ProvisioningCatalog,
  options: DesiredStateOptions = {},
): DesiredState {
  const resources = new Map<string, DesiredResource>();
  const problems: DesiredStateProblem[] = [];
  const { fullRef, labelsOf } = cachedNames();
  const eventTypes = new Map(
    catalog.eventTypes.map(e => [stringifyEntityRef(e), e]),
  );
  const principal = (entity: Entity, ref: string): Principal => {
    const full = fullRef(entity, ref, 'group');
    const email = catalog.emailOf?.(full);
    return email ? { ref: full, email } : { ref: full };
  };
  const accessOf = (endpoint: DataEndpointEntity): ResourceAccess => ({
    readers: (endpoint.spec.access?.readers ?? []).map(r =>
      principal(endpoint, r),
    ),
    writers: (endpoint.spec.access?.writers ?? []).map(r =>
      principal(endpoint, r),
    ),
  });
  // Which event type each endpoint stores, said once per endpoint.
  const storedEventType = new Map<string, EventTypeEntity>();
  for (const endpoint of catalog.endpoints) {
    const ref = endpoint.spec.schema?.eventType;
    if (!ref) continue;
    const full = fullRef(endpoint, ref, EVENT_TYPE_KIND);
    const eventType = eventTypes.get(full);
    if (eventType) storedEventType.set(stringifyEntityRef(endpoint), eventType);
    else {
      problems.push({
        entityRef: stringifyEntityRef(endpoint),
        field: 'spec.schema.eventType',
        message: `${full} is not in the catalog, so the schema is unknown`,
      });
    }
  }
  const add = (resource: DesiredResource) => {
    if (!resources.has(resource.id)) resources.set(resource.id, resource);
  };

  // Which pipelines read and write which endpoint.
  const readers = new Map<string, PipelineEntity[]>();
  const writers = new Map<string, PipelineEntity[]>();
  for (const pipeline of catalog.pipelines) {
    for (const [refs, index] of [
      [pipeline.spec.inputs, readers],
      [pipeline.spec.outputs, writers],
    ] as const) {
      for (const ref of refs ?? []) {
        const full = fullRef(pipeline, ref, DATA_ENDPOINT_KIND);
        addTo(index, full, pipeline);
      }
    }
  }

  // A pipeline that reads the event type's topic and writes a table storing
  // the same event type is what the delivery realizes: no subscription.
  const deliversEventType = (
    pipeline: PipelineEntity,
    topicRef: string,
    eventType: EventTypeEntity | undefined,
  ) =>
    !!eventType &&
    (pipeline.spec.outputs ?? []).some(output => {
      const full = fullRef(pipeline, output, DATA_ENDPOINT_KIND);
      return full !== topicRef && storedEventType.get(full) === eventType;
    });

  const topicsByEventType = new Map<string, DataEndpointEntity[]>();
  const tablesByEventType = new Map<string, DataEndpointEntity[]>();

  for (const endpoint of catalog.endpoints) {
    const ref = stringifyEntityRef(endpoint);
    const owner = fullRef(endpoint, endpoint.spec.owner, 'group');
    const location = endpoint.spec.location ?? {};
    const labels = labelsOf(endpoint);
    const eventType = storedEventType.get(ref);
    if (eventType) {
      const byType =
        endpoint.spec.type === 'pubsub-topic'
          ? topicsByEventType
          : tablesByEventType;
      addTo(byType, stringifyEntityRef(eventType), endpoint);
    }

    if (endpoint.spec.type === 'bigquery-table') {
      const { project, dataset, table } = location;
      if (!project || !dataset || !table) continue; // the validator says so
      if (endpoint.spec.schema?.eventType && !eventType) continue; // said above
      const fields = withDerivedPii(
        eventType
          ? deliveredFields(eventType.spec.schema.fields)
          : endpoint.spec.schema?.fields ?? [],
        catalog.derivedPii?.(ref),
      );
      if (fields.length === 0) {
        problems.push({
          entityRef: ref,
          field: 'spec.schema',
          message: 'the table has no fields: declare them or an event type',
        });
        continue;
      }
      const granularity = endpoint.spec.partitioning?.granularity ?? 'NONE';
      const timePartitioning: TimePartitioning | undefined =
        granularity === 'NONE'
          ? undefined
          : {
              granularity,
              ...(endpoint.spec.partitioning?.field
                ? { field: endpoint.spec.partitioning.field }
                : {}),
            };
      const keys = endpoint.spec.partitioning?.keys ?? [];
      if (keys.length > MAX_CLUSTERING_COLUMNS) {
        problems.push({
          entityRef: ref,
          field: 'spec.partitioning.keys',
          message: `BigQuery clusters by at most ${MAX_CLUSTERING_COLUMNS} columns; the table is clustered by the first ${MAX_CLUSTERING_COLUMNS}`,
        });
      }
      const datasetId = resourceIds.dataset(project, dataset);
      if (!resources.has(datasetId)) {
        add({
          type: 'bigquery-dataset',
          id: datasetId,
          entityRef: ref,
          owner,
          dependsOn: [],
          spec: {
            project,
            dataset,
            labels: { 'managed-by': LABEL_MANAGED_BY },
          },
        });
      }
      add({
        type: 'bigquery-table',
        id: resourceIds.table(project, dataset, table),
        entityRef: ref,
        owner,
        dependsOn: [datasetId],
        ...(eventType ? { eventType: stringifyEntityRef(eventType) } : {}),
        spec: {
          project,
          dataset,
          table,
          ...(endpoint.metadata.description
            ? { description: endpoint.metadata.description.trim() }
            : {}),
          fields,
          ...(timePartitioning ? { timePartitioning } : {}),
          clustering: keys.slice(0, MAX_CLUSTERING_COLUMNS),
          ...(timePartitioning && endpoint.spec.retentionDays
            ? { partitionExpirationDays: endpoint.spec.retentionDays }
            : {}),
          requirePartitionFilter:
            !!timePartitioning && (options.requirePartitionFilter ?? true),
          labels,
          access: accessOf(endpoint),
        },
      });
    } else if (endpoint.spec.type === 'pubsub-topic') {
      const { project, topic } = location;
      if (!project || !topic) continue;
      const topicId = resourceIds.topic(project, topic);
      const retention = endpoint.spec.retentionDays;
      if (retention && retention > MAX_TOPIC_RETENTION_DAYS) {
        problems.push({
          entityRef: ref,
          field: 'spec.retentionDays',
          message: `Pub/Sub keeps messages ${MAX_TOPIC_RETENTION_DAYS} days at most; the topic keeps them ${MAX_TOPIC_RETENTION_DAYS}`,
        });
      }
      let schema: { project: string; schema: string } | undefined;
      if (eventType) {
        schema = { project, schema: topic };
        add({
          type: 'pubsub-schema',
          id: resourceIds.schema(project, topic),
          entityRef: ref,
          owner,
          dependsOn: [],
          eventType: stringifyEntityRef(eventType),
          spec: {
            project,
            schema: topic,
            definition: JSON.stringify(
              exportAvroSchema(eventType.spec.schema.fields, {
                name: eventType.metadata.name,
              }),
            ),
            revision: eventType.spec.schema.revision,
          },
        });
      }
      add({
        type: 'pubsub-topic',
        id: topicId,
        entityRef: ref,
        owner,
        dependsOn: schema ? [resourceIds.schema(project, topic)] : [],
        ...(eventType ? { eventType: stringifyEntityRef(eventType) } : {}),
        spec: {
          project,
          topic,
          ...(retention
            ? {
                messageRetentionDays: Math.min(
                  retention,
                  MAX_TOPIC_RETENTION_DAYS,
                ),
              }
            : {}),
          ...(schema ? { schema: { ...schema, encoding: 'JSON' } } : {}),
          labels,
          access: accessOf(endpoint),
        },
      });
      for (const pipeline of readers.get(ref) ?? []) {
        if (deliversEventType(pipeline, ref, eventType)) continue;
        const name = pubsubName(topic, pipeline.metadata.name);
        add({
          type: 'pubsub-subscription',
          id: resourceIds.subscription(project, name),
          entityRef: stringifyEntityRef(pipeline),
          owner: fullRef(pipeline, pipeline.spec.owner, 'group'),
          dependsOn: [topicId],
          spec: {
            project,
            subscription: name,
            topic,
            consumer: stringifyEntityRef(pipeline),
            labels: labelsOf(pipeline),
            subscribers: [principal(pipeline, pipeline.spec.owner)],
          },
        });
      }
    }
  }

  for (const [eventTypeRef, topics] of topicsByEventType) {
    const eventType = eventTypes.get(eventTypeRef)!;
    for (const topicEndpoint of topics) {
      for (const tableEndpoint of tablesByEventType.get(eventTypeRef) ?? []) {
        const topicLocation = topicEndpoint.spec.location;
        const tableLocation = tableEndpoint.spec.location;
        if (!topicLocation.project || !topicLocation.topic) continue;
        if (
          !tableLocation.project ||
          !tableLocation.dataset ||
          !tableLocation.table
        ) {
          continue;
        }
        const pipeline = (
          readers.get(stringifyEntityRef(topicEndpoint)) ?? []
        ).find(p =>
          (writers.get(stringifyEntityRef(tableEndpoint)) ?? []).includes(p),
        );
        const subscription = pubsubName(
          topicLocation.topic,
          'delivery',
          tableLocation.table,
        );
        add({
          type: 'delivery',
          id: resourceIds.delivery(topicLocation.project, subscription),
          entityRef: eventTypeRef,
          eventType: eventTypeRef,
          owner: fullRef(eventType, eventType.spec.owner, 'group'),
          dependsOn: [
            resourceIds.topic(topicLocation.project, topicLocation.topic),
            resourceIds.table(
              tableLocation.project,
              tableLocation.dataset,
              tableLocation.table,
            ),
          ],
          spec: {
            project: topicLocation.project,
            subscription,
            topic: topicLocation.topic,
            table: {
              project: tableLocation.project,
              dataset: tableLocation.dataset,
              table: tableLocation.table,
            },
            eventType: eventTypeRef,
            revision: eventType.spec.schema.revision,
            fields: eventType.spec.schema.fields,
            anonymization: anonymizationOf(eventType.spec.schema.fields),
            ...(pipeline ? { pipeline: stringifyEntityRef(pipeline) } : {}),
            labels: labelsOf(eventType),
          },
        });
      }
    }
  }

  return { resources: [...resources.values()], problems };
}
