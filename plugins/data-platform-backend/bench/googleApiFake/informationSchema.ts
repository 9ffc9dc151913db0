/*
 * What BigQuery's INFORMATION_SCHEMA views show of a table the fake holds,
 * in the views' own forms: GoogleSQL type names (`STRUCT<os STRING NOT
 * NULL>`, `ARRAY<INT64>`), the DDL's `PARTITION BY` expression, and
 * TABLE_OPTIONS values as GoogleSQL literals (`"text"`,
 * `[STRUCT("k", "v")]`, `90.0`, `true`).
 */

import { createHash } from 'node:crypto';

/** A column of tables.get / tables.insert (TableFieldSchema), legacy type names. */
export type TableField = {
  name: string;
  type: string;
  mode?: string;
  description?: string;
  policyTags?: { names: string[] };
  fields?: TableField[];
};

/** A table as the fake keeps it: the Table resource of the REST API. */
export type FakeTable = {
  kind: 'bigquery#table';
  id: string;
  etag: string;
  tableReference: { projectId: string; datasetId: string; tableId: string };
  type: 'TABLE';
  location: string;
  description?: string;
  labels?: Record<string, string>;
  schema: { fields: TableField[] };
  timePartitioning?: { type: string; field?: string; expirationMs?: string };
  clustering?: { fields: string[] };
  requirePartitionFilter?: boolean;
  creationTime: string;
  lastModifiedTime: string;
};

const GOOGLE_SQL: Record<string, string> = {
  INTEGER: 'INT64',
  FLOAT: 'FLOAT64',
  BOOLEAN: 'BOOL',
};

/** A column's GoogleSQL type as INFORMATION_SCHEMA writes it. */
export function googleSqlType(field: TableField): string {
  let base: string;
  if (field.type === 'RECORD' || field.type === 'STRUCT') {
    const members = (field.fields ?? []).map(
      f =>
        `${f.name} ${googleSqlType(f)}${
          f.mode === 'REQUIRED' ? ' NOT NULL' : ''
        }`,
    );
    base = `STRUCT<${members.join(', ')}>`;
  } else {
    base = GOOGLE_SQL[field.type] ?? field.type;
  }
  return field.mode === 'REPEATED' ? `ARRAY<${base}>` : base;
}

/** A column in a DDL statement: its type, NOT NULL, its description. */
function ddlColumn(field: TableField): string {
  let type: string;
  if (field.type === 'RECORD' || field.type === 'STRUCT') {
    type = `STRUCT<${(field.fields ?? []).map(ddlColumn).join(', ')}>`;
    if (field.mode === 'REPEATED') type = `ARRAY<${type}>`;
  } else {
    type = googleSqlType(field);
  }
  const required = field.mode === 'REQUIRED' ? ' NOT NULL' : '';
  const description = field.description
    ? ` OPTIONS(description=${stringLiteral(field.description)})`
    : '';
  return `${field.name} ${type}${required}${description}`;
}

/** The table's DDL, as INFORMATION_SCHEMA.TABLES.ddl writes it. */
export function tableDdl(table: FakeTable): string {
  const { projectId, datasetId, tableId } = table.tableReference;
  const lines = [
    `CREATE TABLE \`${projectId}.${datasetId}.${tableId}\``,
    '(',
    table.schema.fields.map(f => `  ${ddlColumn(f)}`).join(',\n'),
    ')',
  ];
  const partitioning = partitionExpression(table);
  if (partitioning) lines.push(`PARTITION BY ${partitioning}`);
  if (table.clustering?.fields.length) {
    lines.push(`CLUSTER BY ${table.clustering.fields.join(', ')}`);
  }
  const options = Object.entries(tableOptions(table)).map(([name, value]) =>
    name === 'labels'
      ? `  labels=${value.replace(/STRUCT\(/g, '(')}`
      : `  ${name}=${value}`,
  );
  if (options.length) lines.push(`OPTIONS(\n${options.join(',\n')}\n)`);
  return `${lines.join('\n')};`;
}

/** FARM_FINGERPRINT's place: a signed 64-bit integer of the text, as a decimal string. */
export function fingerprint64(text: string): string {
  return createHash('sha256')
    .update(text)
    .digest()
    .readBigInt64BE(0)
    .toString();
}

/** A GoogleSQL string literal. */
function stringLiteral(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')}"`;
}

/** The expression after `PARTITION BY` in the table's DDL. */
export function partitionExpression(table: FakeTable): string | null {
  const partitioning = table.timePartitioning;
  if (!partitioning) return null;
  const granularity = partitioning.type;
  if (!partitioning.field) {
    return granularity === 'DAY'
      ? '_PARTITIONDATE'
      : `TIMESTAMP_TRUNC(_PARTITIONTIME, ${granularity})`;
  }
  const column = table.schema.fields.find(f => f.name === partitioning.field);
  const field = partitioning.field;
  if (column?.type === 'DATE') {
    return granularity === 'DAY'
      ? field
      : `DATE_TRUNC(${field}, ${granularity})`;
  }
  if (column?.type === 'DATETIME') {
    return `DATETIME_TRUNC(${field}, ${granularity})`;
  }
  return granularity === 'DAY'
    ? `DATE(${field})`
    : `TIMESTAMP_TRUNC(${field}, ${granularity})`;
}

/** The TABLE_OPTIONS the module reads, as literals; unset options are absent. */
export function tableOptions(table: FakeTable): Record<string, string> {
  const options: Record<string, string> = {};
  if (table.description) options.description = stringLiteral(table.description);
  const labels = Object.entries(table.labels ?? {});
  if (labels.length) {
    options.labels = `[${labels
      .map(([k, v]) => `STRUCT(${stringLiteral(k)}, ${stringLiteral(v)})`)
      .join(', ')}]`;
  }
  const expirationMs = table.timePartitioning?.expirationMs;
  if (expirationMs) {
    const days = Number(expirationMs) / 86_400_000;
    options.partition_expiration_days = Number.isInteger(days)
      ? days.toFixed(1)
      : String(days);
  }
  if (table.requirePartitionFilter) options.require_partition_filter = 'true';
  return options;
}

/** A COLUMN_FIELD_PATHS row joined with the top-level column's COLUMNS row. */
export type FieldPathRow = {
  column_name: string;
  field_path: string;
  data_type: string;
  description: string | null;
  policy_tags: string[];
  ordinal_position: number | null;
  is_nullable: string | null;
  is_partitioning_column: string | null;
  clustering_ordinal_position: number | null;
};

/** Every column and nested field path of the table, top-level columns with their COLUMNS facts. */
export function fieldPathRows(table: FakeTable): FieldPathRow[] {
  const rows: FieldPathRow[] = [];
  const clustering = table.clustering?.fields ?? [];
  const nested = (column: string, fields: TableField[], prefix: string) => {
    for (const field of fields) {
      const path = `${prefix}.${field.name}`;
      rows.push({
        column_name: column,
        field_path: path,
        data_type: googleSqlType(field),
        description: field.description ?? null,
        policy_tags: field.policyTags?.names ?? [],
        ordinal_position: null,
        is_nullable: null,
        is_partitioning_column: null,
        clustering_ordinal_position: null,
      });
      if (field.fields) nested(column, field.fields, path);
    }
  };
  table.schema.fields.forEach((field, index) => {
    const clusteredAt = clustering.indexOf(field.name);
    rows.push({
      column_name: field.name,
      field_path: field.name,
      data_type: googleSqlType(field),
      description: field.description ?? null,
      policy_tags: field.policyTags?.names ?? [],
      ordinal_position: index + 1,
      is_nullable: field.mode === 'NULLABLE' || !field.mode ? 'YES' : 'NO',
      is_partitioning_column:
        table.timePartitioning?.field === field.name ? 'YES' : 'NO',
      clustering_ordinal_position: clusteredAt >= 0 ? clusteredAt + 1 : null,
    });
    if (field.fields) nested(field.name, field.fields, field.name);
  });
  return rows;
}
