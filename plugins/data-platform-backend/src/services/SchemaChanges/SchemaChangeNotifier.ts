import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  DecidedConsumer,
  SchemaChangeDecision,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The notifications topic of schema changes that break consumers. */
export const SCHEMA_CHANGE_TOPIC = 'Schema changes';

/** Link to an event type's Schema tab, where its revisions are compared. */
export function eventTypeSchemaLink(entityRef: string): string {
  const { namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(
    namespace,
  )}/eventtype/${encodeURIComponent(name)}/schema`;
}

/** The notice for one owner: their consumers, what breaks them, and why it ships. */
export function schemaChangeNotice(
  decision: SchemaChangeDecision,
  consumers: DecidedConsumer[],
) {
  const { name } = parseEntityRef(decision.entityRef);
  const fields = decision.changes
    .map(c => `${c.path} (${c.description})`)
    .join(', ');
  const yours = consumers
    .map(c => `${c.title} reads ${c.paths.join(', ')} (${c.through})`)
    .join('; ');
  return {
    title: `${name} revision ${decision.revision} breaks ${consumers
      .map(c => c.title)
      .join(', ')}`,
    description: `${decision.decidedBy} decided to ship revision ${decision.revision} of ${name}: ${fields}. It breaks ${yours}. Their reason: ${decision.reason}`,
    link: eventTypeSchemaLink(decision.entityRef),
    severity: 'high' as const,
    topic: SCHEMA_CHANGE_TOPIC,
    // One notice per revision: a retried task updates it, never adds one.
    scope: `schema-change:${decision.entityRef}:${decision.revision}`,
  };
}

/**
 * Tells the owners of the consumers a decision names that the change ships:
 * one notification per owner, about their consumers only. Consumers without
 * an owner in the catalog (unregistered jobs) reach no one, and are left out
 * of the returned recipients.
 */
export async function notifyConsumerOwners(
  notifications: NotificationService,
  decision: SchemaChangeDecision,
): Promise<string[]> {
  const byOwner = new Map<string, DecidedConsumer[]>();
  for (const consumer of decision.consumers) {
    if (!consumer.owner) continue;
    byOwner.set(consumer.owner, [
      ...(byOwner.get(consumer.owner) ?? []),
      consumer,
    ]);
  }
  for (const [owner, consumers] of byOwner) {
    await notifications.send({
      recipients: { type: 'entity', entityRef: owner },
      payload: schemaChangeNotice(decision, consumers),
    });
  }
  return [...byOwner.keys()];
}
