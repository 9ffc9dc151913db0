import { Text } from '@backstage/ui';
import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';
import { schemaSummary } from '../SchemaFieldsTable';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "14 fields · 3 with personal data · 1 repeated". */
export function SchemaSummary(props: { fields: SchemaField[] }) {
  const summary = schemaSummary(props.fields);
  const parts = [plural(summary.fields, 'field')];
  if (summary.pii > 0) parts.push(`${summary.pii} with personal data`);
  if (summary.repeated > 0) parts.push(`${summary.repeated} repeated`);
  return (
    <Text variant="body-small" color="secondary">
      {parts.join(' · ')}
    </Text>
  );
}
