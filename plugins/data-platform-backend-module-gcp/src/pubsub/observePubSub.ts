import type { LoggerService } from '@backstage/backend-plugin-api';
import type { protos } from '@google-cloud/pubsub';
import {
  DesiredResource,
  DesiredResourceOf,
  ObservedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { bindingsOf } from '../access/iamPolicy';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { isNotFound } from '../calls/googleErrors';
import { forEachConcurrently } from '../calls/inBatches';
import { GoogleClients, PUBSUB_CALL } from '../clients';
import { versionOf } from '../calls/versionOf';
import { listPages } from './listPages';
import { findSchemas, findSubscriptions, findTopics } from './pubSubLists';
import {
  observedDelivery,
  observedSubscription,
  observedTopic,
  observedTopicSchema,
} from './observedPubSub';
import { pubsubPolicy } from './pubsubIam';
import { schemaName, subscriptionName, topicName } from './pubsubNames';

type Schema = protos.google.pubsub.v1.ISchema;

const IAM_READS_AT_ONCE = 10;

export type PubSubObserveOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  observeAccess: boolean;
  /** A project with at most this many of a kind asked about is read one by one. */
  readsOneByOneUpTo: number;
  signal?: AbortSignal;
  logger: LoggerService;
};

export const ofType =
  <T extends DesiredResource['type']>(type: T) =>
  (r: DesiredResource): r is DesiredResourceOf<T> =>
    r.type === type;

/** A schema's version: its latest revision (a commit or a rollback makes a new one). */
export const schemaVersion = (latest: { revisionId?: string | null }) =>
  `revision ${latest.revisionId}`;

const sameDefinition = (a: string, b: string) => {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
};

/**
 * Topics, schemas, subscriptions and deliveries in bulk: per project one
 * topics.list, subscriptions.list and schemas.list (1,000 per page; schemas
 * with their latest definition), and listRevisions only for the schemas
 * whose latest revision differs from the catalog's, the ones a plan commits
 * to and may prune. A schema whose latest revision is the catalog's is
 * reported with that revision alone. With `observeAccess`, one
 * getIamPolicy per existing topic and subscription.
 */
export async function observePubSub(
  resources: DesiredResource[],
  options: PubSubObserveOptions,
): Promise<ObservedResource[]> {
  const topics = resources.filter(ofType('pubsub-topic'));
  const schemas = resources.filter(ofType('pubsub-schema'));
  const subscriptions = resources.filter(ofType('pubsub-subscription'));
  const deliveries = resources.filter(ofType('delivery'));
  const observed: ObservedResource[] = [];

  const [foundTopics, foundSubscriptions, schemasFound] = await Promise.all([
    findTopics(
      topics.map(t => topicName(t.spec.project, t.spec.topic)),
      options,
    ),
    findSubscriptions(
      [...subscriptions, ...deliveries].map(s =>
        subscriptionName(s.spec.project, s.spec.subscription),
      ),
      options,
    ),
    observeSchemas(schemas, options),
  ]);
  for (const topic of topics) {
    const found = foundTopics.get(
      topicName(topic.spec.project, topic.spec.topic),
    );
    if (found) {
      observed.push({
        type: 'pubsub-topic',
        id: topic.id,
        spec: observedTopic(found),
        version: versionOf(found),
      });
    }
  }

  for (const subscription of subscriptions) {
    const found = foundSubscriptions.get(
      subscriptionName(
        subscription.spec.project,
        subscription.spec.subscription,
      ),
    );
    if (found) {
      observed.push({
        type: 'pubsub-subscription',
        id: subscription.id,
        spec: observedSubscription(found, subscription.spec.consumer),
        version: versionOf(found),
      });
    }
  }
  for (const delivery of deliveries) {
    const found = foundSubscriptions.get(
      subscriptionName(delivery.spec.project, delivery.spec.subscription),
    );
    if (found) {
      observed.push({
        type: 'delivery',
        id: delivery.id,
        spec: observedDelivery(found),
        version: versionOf(found),
      });
    }
  }

  observed.push(...schemasFound);

  if (!options.observeAccess) return observed;
  return withBindings(observed, options);
}

async function observeSchemas(
  schemas: DesiredResourceOf<'pubsub-schema'>[],
  options: PubSubObserveOptions,
): Promise<ObservedResource[]> {
  const { clients, caller, signal } = options;
  const latest = await findSchemas(
    schemas.map(s => schemaName(s.spec.project, s.spec.schema)),
    options,
  );
  const observed: ObservedResource[] = [];
  for (const schema of schemas) {
    const name = schemaName(schema.spec.project, schema.spec.schema);
    const found = latest.get(name);
    if (!found) continue;
    let revisions: Schema[] = [found];
    if (!sameDefinition(found.definition ?? '', schema.spec.definition)) {
      revisions = await listPages(
        caller,
        'pubsub.schemas.listRevisions',
        pageToken =>
          clients.schemas.listSchemaRevisions(
            { name, view: 'FULL', pageSize: 100, pageToken },
            { ...PUBSUB_CALL, autoPaginate: false } as any,
          ) as any,
        signal,
      );
      if (!revisions.length) continue; // deleted since it was listed
    }
    observed.push({
      type: 'pubsub-schema',
      id: schema.id,
      spec: observedTopicSchema(name, revisions),
      version: schemaVersion(found),
    });
  }
  return observed;
}

async function withBindings(
  observed: ObservedResource[],
  { clients, caller, signal, logger }: PubSubObserveOptions,
): Promise<ObservedResource[]> {
  const result: ObservedResource[] = [];
  await forEachConcurrently(observed, IAM_READS_AT_ONCE, async resource => {
    if (
      resource.type !== 'pubsub-topic' &&
      resource.type !== 'pubsub-subscription'
    ) {
      result.push(resource);
      return;
    }
    const policy =
      resource.type === 'pubsub-topic'
        ? pubsubPolicy(
            clients.publisher,
            'topics',
            topicName(resource.spec.project, resource.spec.topic),
            caller,
            signal,
          )
        : pubsubPolicy(
            clients.subscriber,
            'subscriptions',
            subscriptionName(resource.spec.project, resource.spec.subscription),
            caller,
            signal,
          );
    try {
      const bindings = bindingsOf(await policy.read());
      result.push({
        ...resource,
        spec: { ...resource.spec, bindings },
      } as ObservedResource);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      logger.debug(`${resource.id} was deleted while it was observed`);
    }
  });
  return result;
}
