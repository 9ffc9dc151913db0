import { Text } from '@backstage/ui';
import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';
import { schemaSummary } from '../SchemaFieldsTable';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "20 fields in all (9 top-level) · 3 with personal data · 1 repeated". */
export function SchemaSummary(props: { fields: SchemaField[] }) {
  const summary = schemaSummary(props.fields);
  const topLevel = props.fields.length;
  // Say what is counted: the Schema tab's revisions table counts top-level
  // fields only, this counts nested ones too.
  const parts = [
    summary.fields > topLevel
      ? `${plural(summary.fields, 'field')} in all (${topLevel} top-level)`
      : plural(summary.fields, 'field'),
  ];
  if (summary.pii > 0) parts.push(`${summary.pii} with personal data`);
  if (summary.repeated > 0) parts.push(`${summary.repeated} repeated`);
  return (
    <Text variant="body-small" color="secondary">
      {parts.join(' · ')}
    </Text>
  );
}
