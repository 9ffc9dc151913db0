import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_CHANGED_AT,
  ANNOTATION_SCHEMA_REVISED_AT,
  ANNOTATION_SCHEMA_REVISION_COMMENT,
  CompatibilityMode,
  DATA_ENDPOINT_KIND,
  DATA_PLATFORM_API_VERSION,
  DataEndpointEntity,
  DeliveryGranularity,
  EVENT_TYPE_KIND,
  EventTypeEntity,
  formatProblems,
  nextSchemaRevision,
  SchemaField,
  validateDataPlatformEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { stringify } from 'yaml';

/** Annotation naming who confirmed the PII classification of every field. */
export const ANNOTATION_PII_REVIEWED_BY = 'dataplatform.io/pii-reviewed-by';

/** Where the landing endpoints of new event types live. */
export interface LandingConfig {
  pubsubProject: string;
  bigqueryProject: string;
  bigqueryDataset: string;
  /** Days a landing topic keeps messages. */
  topicRetentionDays: number;
}

export interface NewEventTypeInput {
  name: string;
  namespace: string;
  title?: string;
  description: string;
  owner: string;
  system?: string;
  lifecycle: string;
  tags?: string[];
  producers?: string[];
  fields: SchemaField[];
  compatibility?: CompatibilityMode;
  partitioning: DeliveryGranularity;
  retentionDays: number;
  piiReviewedBy?: string;
  comment?: string;
  now: Date;
}

// Annotations and fields the catalog adds while processing; a file written
// back must not carry them.
const PROCESSING_ANNOTATIONS = [
  'backstage.io/managed-by-location',
  'backstage.io/managed-by-origin-location',
  'backstage.io/view-url',
  'backstage.io/edit-url',
  'backstage.io/source-location',
  ANNOTATION_CHANGED_AT,
];

const withoutEmpty = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;

/** Annotations without the unset ones. */
const annotationsOf = (
  values: Record<string, string | undefined>,
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => !!e[1]),
  );

function revisionAnnotations(now: Date, comment?: string) {
  return annotationsOf({
    [ANNOTATION_SCHEMA_REVISED_AT]: now.toISOString(),
    [ANNOTATION_SCHEMA_REVISION_COMMENT]: comment || undefined,
  });
}

const titleOf = (name: string) =>
  name
    .split('-')
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join(' ');

/** A new event type (revision 1) with its landing Pub/Sub topic and raw BigQuery table. */
export function renderNewEventType(
  input: NewEventTypeInput,
  landing: LandingConfig,
): Entity[] {
  const title = input.title || titleOf(input.name);
  const common = withoutEmpty({
    owner: input.owner,
    lifecycle: input.lifecycle,
    system: input.system || undefined,
  });
  const eventType: EventTypeEntity = {
    apiVersion: DATA_PLATFORM_API_VERSION,
    kind: EVENT_TYPE_KIND,
    metadata: withoutEmpty({
      name: input.name,
      namespace: input.namespace === 'default' ? undefined : input.namespace,
      title,
      description: input.description,
      tags: input.tags,
      annotations: annotationsOf({
        ...revisionAnnotations(input.now, input.comment),
        [ANNOTATION_PII_REVIEWED_BY]: input.piiReviewedBy || undefined,
      }),
    }),
    spec: {
      ...common,
      ...(input.producers?.length ? { producers: input.producers } : {}),
      delivery: {
        partitioning: input.partitioning,
        retentionDays: input.retentionDays,
      },
      schema: {
        revision: 1,
        compatibility: input.compatibility ?? 'BACKWARD',
        fields: input.fields,
      },
    },
  };
  const eventTypeRef = stringifyEntityRef(eventType);
  const endpointMeta = (
    suffix: string,
    endpointTitle: string,
    description: string,
  ) =>
    withoutEmpty({
      name: `${input.name}-${suffix}`,
      namespace: eventType.metadata.namespace,
      title: endpointTitle,
      description,
      tags: ['landing'],
    });
  const topic: DataEndpointEntity = {
    apiVersion: DATA_PLATFORM_API_VERSION,
    kind: DATA_ENDPOINT_KIND,
    metadata: endpointMeta(
      'topic',
      `${title} topic`,
      `Pub/Sub topic the producers of ${title} publish to.`,
    ),
    spec: {
      ...common,
      type: 'pubsub-topic',
      location: { project: landing.pubsubProject, topic: input.name },
      schema: { eventType: eventTypeRef },
      retentionDays: landing.topicRetentionDays,
    },
  };
  const timeField = input.fields.find(
    f => f.name === 'event_time' && f.type === 'TIMESTAMP',
  );
  const table: DataEndpointEntity = {
    apiVersion: DATA_PLATFORM_API_VERSION,
    kind: DATA_ENDPOINT_KIND,
    metadata: endpointMeta(
      'raw',
      `${title}, raw (${input.partitioning === 'HOUR' ? 'hourly' : 'daily'})`,
      `${title} events as delivered, one partition per ${input.partitioning.toLowerCase()}${
        timeField ? ' of event_time' : ' of arrival'
      }.`,
    ),
    spec: {
      ...common,
      type: 'bigquery-table',
      location: {
        project: landing.bigqueryProject,
        dataset: landing.bigqueryDataset,
        table: input.name.replace(/-/g, '_'),
      },
      schema: { eventType: eventTypeRef },
      partitioning: withoutEmpty({
        granularity: input.partitioning,
        field: timeField?.name,
      }),
      retentionDays: input.retentionDays,
      quality: [{ name: 'matches-schema', type: 'schema_match' }],
    },
  };
  return checked([eventType, topic, table]);
}

/**
 * The next revision of an existing event type: everything the catalog has
 * from its YAML kept, the schema's revision incremented with the current
 * fields moved into the history.
 */
export function renderEvolvedEventType(options: {
  current: EventTypeEntity;
  fields: SchemaField[];
  compatibility?: CompatibilityMode;
  comment?: string;
  now: Date;
}): EventTypeEntity {
  const { current, fields, now } = options;
  const annotations = current.metadata.annotations ?? {};
  // The comment belonged to the revision that is now history.
  const kept = Object.fromEntries(
    Object.entries(annotations).filter(
      ([key]) =>
        !PROCESSING_ANNOTATIONS.includes(key) &&
        key !== ANNOTATION_SCHEMA_REVISION_COMMENT,
    ),
  );
  const schema = nextSchemaRevision(current.spec.schema, fields, {
    compatibility: options.compatibility,
    current: {
      createdAt: annotations[ANNOTATION_SCHEMA_REVISED_AT],
      comment: annotations[ANNOTATION_SCHEMA_REVISION_COMMENT],
    },
  });
  const { uid, etag, generation, ...metadata } =
    current.metadata as Entity['metadata'] & {
      generation?: number;
    };
  const evolved: EventTypeEntity = {
    apiVersion: current.apiVersion,
    kind: current.kind,
    metadata: withoutEmpty({
      ...metadata,
      annotations: {
        ...kept,
        ...revisionAnnotations(now, options.comment),
      },
    }),
    spec: { ...current.spec, schema },
  };
  return checked([evolved])[0] as EventTypeEntity;
}

function checked(entities: Entity[]): Entity[] {
  for (const entity of entities) {
    const problems = validateDataPlatformEntity(entity);
    if (problems.length > 0) {
      throw new InputError(
        `The rendered ${entity.kind} ${
          entity.metadata.name
        } is not valid: ${formatProblems(problems)}`,
      );
    }
  }
  return entities;
}

/** Entities as one multi-document catalog YAML file. */
export function toCatalogYaml(entities: Entity[]): string {
  return entities
    .map(e => stringify(e, { lineWidth: 100, aliasDuplicateObjects: false }))
    .map((doc, i) => (i === 0 ? doc : `---\n${doc}`))
    .join('');
}
