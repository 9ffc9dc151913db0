import type { DesiredResource } from '@dataplatform/backstage-plugin-data-platform-common';
import { versionOf } from '../calls/versionOf';
import { ofType, PubSubObserveOptions, schemaVersion } from './observePubSub';
import { findSchemas, findSubscriptions, findTopics } from './pubSubLists';
import { schemaName, subscriptionName, topicName } from './pubsubNames';

/**
 * Versions of topics, subscriptions, deliveries and schemas from the list
 * calls observe reads too: a topic's or subscription's is what its list
 * shows of it, a schema's its latest revision (a commit or rollback makes a
 * new one).
 */
export async function pubSubVersions(
  resources: DesiredResource[],
  options: Pick<
    PubSubObserveOptions,
    'clients' | 'caller' | 'signal' | 'readsOneByOneUpTo'
  >,
): Promise<Map<string, string>> {
  const topics = resources.filter(ofType('pubsub-topic'));
  const schemas = resources.filter(ofType('pubsub-schema'));
  const subscriptions = resources.filter(
    r => r.type === 'pubsub-subscription' || r.type === 'delivery',
  ) as Array<{ id: string; spec: { project: string; subscription: string } }>;
  const versions = new Map<string, string>();
  const [foundTopics, foundSubscriptions, latest] = await Promise.all([
    findTopics(
      topics.map(t => topicName(t.spec.project, t.spec.topic)),
      options,
    ),
    findSubscriptions(
      subscriptions.map(s =>
        subscriptionName(s.spec.project, s.spec.subscription),
      ),
      options,
    ),
    findSchemas(
      schemas.map(s => schemaName(s.spec.project, s.spec.schema)),
      options,
    ),
  ]);
  for (const topic of topics) {
    const found = foundTopics.get(
      topicName(topic.spec.project, topic.spec.topic),
    );
    if (found) versions.set(topic.id, versionOf(found));
  }
  for (const subscription of subscriptions) {
    const found = foundSubscriptions.get(
      subscriptionName(
        subscription.spec.project,
        subscription.spec.subscription,
      ),
    );
    if (found) versions.set(subscription.id, versionOf(found));
  }
  for (const schema of schemas) {
    const found = latest.get(
      schemaName(schema.spec.project, schema.spec.schema),
    );
    if (found) versions.set(schema.id, schemaVersion(found));
  }
  return versions;
}
