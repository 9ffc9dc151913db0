import type {
  ObservedTable,
  PiiClassification,
  PiiPolicyTags,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { addTo } from '../calls/inBatches';
import { parseColumnType } from './googleSqlType';
import type { FieldRow, TableRow } from './metadataQueries';
import {
  parseBooleanOption,
  parseLabelsOption,
  parseNumberOption,
  parseStringOption,
} from './optionValues';
import { parseTimePartitioning } from './partitionClause';

const tableKey = (dataset: string, table: string) => `${dataset}.${table}`;

/** Rebuilds nested fields from the top-level columns' types and each path's description and policy tag. */
function columnsOf(
  rows: FieldRow[],
  policyTags: PiiPolicyTags,
): { fields: SchemaField[]; tags: Record<string, string> } {
  const byPath = new Map(rows.map(row => [row.field_path, row]));
  const piiOfTag = new Map(
    Object.entries(policyTags).map(([pii, tag]) => [
      tag,
      pii as PiiClassification,
    ]),
  );
  const tags: Record<string, string> = {};
  const annotate = (field: SchemaField, path: string): SchemaField => {
    const row = byPath.get(path);
    const tag = row?.policy_tags?.[0];
    if (tag) tags[path] = tag;
    const pii = tag ? piiOfTag.get(tag) : undefined;
    return {
      ...field,
      ...(row?.description ? { description: row.description } : {}),
      ...(pii && pii !== 'none' ? { pii } : {}),
      ...(field.fields
        ? {
            fields: field.fields.map(f => annotate(f, `${path}.${f.name}`)),
          }
        : {}),
    };
  };
  const fields = rows
    .filter(row => row.field_path === row.column_name)
    .sort((a, b) => (a.ordinal_position ?? 0) - (b.ordinal_position ?? 0))
    .map(row => {
      const type = parseColumnType(row.data_type);
      const mode =
        type.mode ?? (row.is_nullable === 'NO' ? 'REQUIRED' : 'NULLABLE');
      return annotate({ name: row.column_name, ...type, mode }, row.field_path);
    });
  return { fields, tags };
}

/**
 * Tables as INFORMATION_SCHEMA describes them, keyed `dataset.table`:
 * columns with nested RECORD/REPEATED fields, descriptions and policy tags
 * (read back as PII marks where they are the configured ones), time
 * partitioning, clustering, partition expiration, the partition filter
 * requirement, labels and description.
 */
export function observedTablesOf(
  project: string,
  tables: TableRow[],
  fields: FieldRow[],
  policyTags: PiiPolicyTags,
): Map<string, ObservedTable> {
  const fieldsByTable = new Map<string, FieldRow[]>();
  for (const row of fields) {
    const key = tableKey(row.dataset_id, row.table_id);
    addTo(fieldsByTable, key, row);
  }
  const observed = new Map<string, ObservedTable>();
  for (const row of tables) {
    const key = tableKey(row.dataset_id, row.table_id);
    const rows = fieldsByTable.get(key) ?? [];
    const columns = columnsOf(rows, policyTags);
    const timePartitioning = parseTimePartitioning(row.partition_by);
    const clustering = rows
      .filter(r => r.field_path === r.column_name)
      .filter(r => r.clustering_ordinal_position !== null)
      .sort(
        (a, b) =>
          (a.clustering_ordinal_position ?? 0) -
          (b.clustering_ordinal_position ?? 0),
      )
      .map(r => r.column_name);
    const expiration = row.partition_expiration_days
      ? parseNumberOption(row.partition_expiration_days)
      : undefined;
    observed.set(key, {
      project,
      dataset: row.dataset_id,
      table: row.table_id,
      ...(row.description
        ? { description: parseStringOption(row.description) }
        : {}),
      fields: columns.fields,
      ...(Object.keys(columns.tags).length ? { policyTags: columns.tags } : {}),
      ...(timePartitioning ? { timePartitioning } : {}),
      clustering,
      ...(expiration ? { partitionExpirationDays: expiration } : {}),
      requirePartitionFilter: row.require_partition_filter
        ? parseBooleanOption(row.require_partition_filter)
        : false,
      labels: row.labels ? parseLabelsOption(row.labels) : {},
    });
  }
  return observed;
}
