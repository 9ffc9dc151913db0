import type {
  FieldType,
  ObservedTable,
  PiiClassification,
  PiiPolicyTags,
  SchemaField,
  TimePartitioning,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { TableName } from './tableIam';
import type { TableMetadata } from './tablePatch';
import type { TableFieldSchema } from './tableSchema';

const DAY_MS = 86_400_000;

/** tables.get answers legacy type names; the catalog speaks GoogleSQL's. */
const GOOGLE_SQL: Record<string, FieldType> = {
  INTEGER: 'INT64',
  FLOAT: 'FLOAT64',
  BOOLEAN: 'BOOL',
  STRUCT: 'RECORD',
  DECIMAL: 'NUMERIC',
  BIGDECIMAL: 'BIGNUMERIC',
};

const GRANULARITIES = new Set(['HOUR', 'DAY', 'MONTH', 'YEAR']);

/**
 * A table as tables.get describes it, read into what observing it through
 * INFORMATION_SCHEMA gives: GoogleSQL type names, nested fields, modes,
 * descriptions and policy tags (PII marks where they are the configured
 * ones), time partitioning, clustering, partition expiration, the
 * partition filter requirement, labels and description.
 */
export function observedTableOf(
  name: TableName,
  live: TableMetadata,
  policyTags: PiiPolicyTags,
): ObservedTable {
  const piiOfTag = new Map(
    Object.entries(policyTags).map(([pii, tag]) => [
      tag,
      pii as PiiClassification,
    ]),
  );
  const tags: Record<string, string> = {};
  const fieldsOf = (
    fields: TableFieldSchema[],
    prefix: string,
  ): SchemaField[] =>
    fields.map(field => {
      const path = `${prefix}${field.name}`;
      const tag = field.policyTags?.names?.[0];
      if (tag) tags[path] = tag;
      const pii = tag ? piiOfTag.get(tag) : undefined;
      const type = field.type.toUpperCase();
      return {
        name: field.name,
        type: GOOGLE_SQL[type] ?? (type as FieldType),
        mode: (field.mode ?? 'NULLABLE') as SchemaField['mode'],
        ...(field.description ? { description: field.description } : {}),
        ...(pii && pii !== 'none' ? { pii } : {}),
        ...(field.fields ? { fields: fieldsOf(field.fields, `${path}.`) } : {}),
      };
    });
  const fields = fieldsOf(live.schema?.fields ?? [], '');
  const partitioning = live.timePartitioning;
  const granularity = (partitioning?.type ?? 'DAY').toUpperCase();
  const timePartitioning: TimePartitioning | undefined =
    partitioning && GRANULARITIES.has(granularity)
      ? {
          granularity: granularity as TimePartitioning['granularity'],
          ...(partitioning.field ? { field: partitioning.field } : {}),
        }
      : undefined;
  const expirationMs = Number(partitioning?.expirationMs ?? 0);
  return {
    ...name,
    ...(live.description ? { description: live.description } : {}),
    fields,
    ...(Object.keys(tags).length ? { policyTags: tags } : {}),
    ...(timePartitioning ? { timePartitioning } : {}),
    clustering: live.clustering?.fields ?? [],
    ...(expirationMs ? { partitionExpirationDays: expirationMs / DAY_MS } : {}),
    requirePartitionFilter: live.requirePartitionFilter ?? false,
    labels: { ...live.labels },
  };
}
