import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import { PlainList } from './PlainList';
import type { SchemaChangeSummary } from './schemaChanges';
import { useRecentSchemaChanges } from './useRecentSchemaChanges';

/** `2024-08-19T13:40:00Z` as `2024-08-19`. */
const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);

function SchemaChangeItem({ change }: { change: SchemaChangeSummary }) {
  const entityLink = useEntityRefLink();
  const { metadata } = change.eventType;
  return (
    <li>
      <Link href={`${entityLink(change.eventType)}/schema`} weight="bold">
        {metadata.title ?? metadata.name} r{change.revision}
      </Link>
      <Text as="p" variant="body-small" color="secondary">
        {day(change.revisedAt)}: {change.changes}
        {change.comment && ` — ${change.comment}`}
      </Text>
    </li>
  );
}

/**
 * The latest revisions of event type schemas, newest first, each with what
 * changed and leading to the event type's Schema tab.
 */
export function RecentSchemaChangesCard() {
  const changes = useRecentSchemaChanges();
  if (changes.error) {
    return (
      <Text as="p" color="danger">
        Could not read the event types' schemas: {changes.error.message}
      </Text>
    );
  }
  if (!changes.value) {
    return <Text color="secondary">Reading schema revisions…</Text>;
  }
  return (
    <Flex direction="column" gap="3">
      {changes.value.length === 0 ? (
        <Text as="p">No event type has a dated revision after its first.</Text>
      ) : (
        <PlainList label="Recent schema changes">
          {changes.value.map(change => (
            <SchemaChangeItem
              key={`${change.eventType.metadata.name}:${change.revision}`}
              change={change}
            />
          ))}
        </PlainList>
      )}
    </Flex>
  );
}
