import type { protos } from '@google-cloud/pubsub';
import {
  ObservedDelivery,
  ObservedSubscription,
  ObservedTopic,
  ObservedTopicSchema,
  transformFingerprint,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  enumName,
  nameIn,
  parseName,
  parseTableName,
  secondsOf,
} from './pubsubNames';

type Topic = protos.google.pubsub.v1.ITopic;
type Subscription = protos.google.pubsub.v1.ISubscription;
type Schema = protos.google.pubsub.v1.ISchema;

const DAY_SECONDS = 86_400;
const ENCODINGS = ['ENCODING_UNSPECIFIED', 'JSON', 'BINARY'] as const;
const SUBSCRIPTION_STATES = ['STATE_UNSPECIFIED', 'ACTIVE', 'RESOURCE_ERROR'];
const BIGQUERY_STATES = [
  'STATE_UNSPECIFIED',
  'ACTIVE',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'SCHEMA_MISMATCH',
  'IN_TRANSIT_LOCATION_RESTRICTION',
  'VERTEX_AI_LOCATION_RESTRICTION',
];

const labelsOf = (labels: { [k: string]: string } | null | undefined) => ({
  ...labels,
});

/** A topic as topics.list shows it. */
export function observedTopic(topic: Topic): ObservedTopic {
  const { project, id } = parseName(topic.name!);
  const retention = secondsOf(topic.messageRetentionDuration);
  const settings = topic.schemaSettings;
  const result: ObservedTopic = {
    project,
    topic: id,
    labels: labelsOf(topic.labels),
  };
  if (retention) result.messageRetentionDays = retention / DAY_SECONDS;
  if (settings?.schema) {
    const schema = parseName(settings.schema);
    result.schema = {
      project: schema.project,
      schema: schema.id,
      // A BINARY topic reads as such, so that the plan sets it to JSON.
      encoding: enumName(settings.encoding as any, ENCODINGS) as 'JSON',
    };
    const first = settings.firstRevisionId || undefined;
    const last = settings.lastRevisionId || undefined;
    if (first || last) {
      result.schemaRevisions = {
        ...(first ? { first } : {}),
        ...(last ? { last } : {}),
      };
    }
  }
  return result;
}

/** A pull subscription as subscriptions.list shows it. */
export function observedSubscription(
  subscription: Subscription,
  consumer: string,
): ObservedSubscription {
  const { project, id } = parseName(subscription.name!);
  return {
    project,
    subscription: id,
    topic: nameIn(project, subscription.topic!),
    consumer,
    labels: labelsOf(subscription.labels),
  };
}

/**
 * A delivery as subscriptions.list shows its BigQuery subscription: its
 * table, the fingerprint of the JavaScript transform installed on it
 * (computed from the code found, so that hand edits show as drift) and its
 * state, the BigQuery side's when that says more (PERMISSION_DENIED,
 * NOT_FOUND, SCHEMA_MISMATCH).
 */
export function observedDelivery(subscription: Subscription): ObservedDelivery {
  const { project, id } = parseName(subscription.name!);
  const udf = (subscription.messageTransforms ?? []).find(
    t => t.javascriptUdf && !t.disabled,
  )?.javascriptUdf;
  const bigQueryState = enumName(
    subscription.bigqueryConfig?.state as any,
    BIGQUERY_STATES,
  );
  const state =
    bigQueryState && bigQueryState !== 'STATE_UNSPECIFIED'
      ? bigQueryState
      : enumName(subscription.state as any, SUBSCRIPTION_STATES);
  return {
    project,
    subscription: id,
    topic: nameIn(project, subscription.topic!),
    table: parseTableName(subscription.bigqueryConfig?.table),
    labels: labelsOf(subscription.labels),
    ...(udf?.code
      ? { transformFingerprint: transformFingerprint(udf.code) }
      : {}),
    ...(state && state !== 'STATE_UNSPECIFIED' ? { state } : {}),
  };
}

/** A schema's revision as the schema service shows it. */
export function observedRevision(schema: Schema) {
  const seconds = secondsOf(schema.revisionCreateTime);
  return {
    revisionId: schema.revisionId ?? '',
    definition: schema.definition ?? '',
    ...(seconds !== undefined
      ? { createdAt: new Date(seconds * 1000).toISOString() }
      : {}),
  };
}

/** A schema with its revisions, oldest first. */
export function observedTopicSchema(
  name: string,
  revisions: Schema[],
): ObservedTopicSchema {
  const { project, id } = parseName(name);
  return {
    project,
    schema: id,
    revisions: revisions
      .map(observedRevision)
      .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '')),
  };
}
