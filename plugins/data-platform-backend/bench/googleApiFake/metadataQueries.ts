/*
 * The fake's answers to the GCP provisioner's INFORMATION_SCHEMA queries,
 * from the tables it holds. It does not run SQL: it recognizes each query
 * by the region-qualified views it reads and answers the columns that
 * query selects, for the `@tables` it names, as BigQuery would.
 */
import {
  FakeTable,
  fieldPathRows,
  fingerprint64,
  partitionExpression,
  tableDdl,
  tableOptions,
} from './informationSchema';

type Column = { name: string; type: string; mode?: string };

const TABLE_COLUMNS: Column[] = [
  { name: 'dataset_id', type: 'STRING' },
  { name: 'table_id', type: 'STRING' },
  { name: 'table_type', type: 'STRING' },
  { name: 'partition_by', type: 'STRING' },
  { name: 'description', type: 'STRING' },
  { name: 'labels', type: 'STRING' },
  { name: 'partition_expiration_days', type: 'STRING' },
  { name: 'require_partition_filter', type: 'STRING' },
];

const FIELD_COLUMNS: Column[] = [
  { name: 'dataset_id', type: 'STRING' },
  { name: 'table_id', type: 'STRING' },
  { name: 'column_name', type: 'STRING' },
  { name: 'field_path', type: 'STRING' },
  { name: 'data_type', type: 'STRING' },
  { name: 'description', type: 'STRING' },
  { name: 'policy_tags', type: 'STRING', mode: 'REPEATED' },
  { name: 'ordinal_position', type: 'INTEGER' },
  { name: 'is_nullable', type: 'STRING' },
  { name: 'is_partitioning_column', type: 'STRING' },
  { name: 'clustering_ordinal_position', type: 'INTEGER' },
];

const VERSION_COLUMNS: Column[] = [
  { name: 'dataset_id', type: 'STRING' },
  { name: 'table_id', type: 'STRING' },
  { name: 'version', type: 'STRING' },
];

/** The policy tags of every field path that has some: `path=tag;...`. */
function policyTagsOf(table: FakeTable): string {
  return fieldPathRows(table)
    .filter(row => row.policy_tags.length > 0)
    .sort((a, b) => (a.field_path < b.field_path ? -1 : 1))
    .map(row => `${row.field_path}=${row.policy_tags.join(',')}`)
    .join(';');
}

/** FARM_FINGERPRINT(CONCAT(ddl, '|', policy tags)), as the queries compute versions. */
function versionOf(table: FakeTable): string {
  return fingerprint64(`${tableDdl(table)}|${policyTagsOf(table)}`);
}

const VIEW = /`([^`]+)`\.`region-([a-z0-9-]+)`\.INFORMATION_SCHEMA\.(\w+)/gi;

/** The project, region and views a query reads. */
export function viewsOf(
  sql: string,
): { project: string; region: string; views: Set<string> } | undefined {
  const views = new Set<string>();
  let project: string | undefined;
  let region: string | undefined;
  for (const match of sql.matchAll(VIEW)) {
    project ??= match[1];
    region ??= match[2].toLowerCase();
    views.add(match[3].toUpperCase());
  }
  return project && region ? { project, region, views } : undefined;
}

/** The `@tables` ARRAY<STRING> parameter of a jobs.query request, if any. */
export function tablesParameter(body: any): Set<string> | undefined {
  const parameter = (body?.queryParameters ?? []).find(
    (p: any) => p.name === 'tables',
  );
  if (!parameter) return undefined;
  return new Set(
    (parameter.parameterValue?.arrayValues ?? []).map((v: any) => v.value),
  );
}

const same = (views: Set<string>, wanted: string[]) =>
  views.size === wanted.length && wanted.every(v => views.has(v));

/** A row as jobs.query sends it, with the size of its JSON. */
type EncodedRow = { row: { f: { v: unknown }[] }; bytes: number };

/** The queries the fake knows: the views each reads, the columns it selects, its rows per table. */
const QUERIES: Array<{
  views: string[];
  columns: Column[];
  rowsOf: (table: FakeTable) => Record<string, unknown>[];
}> = [
  {
    views: ['TABLES', 'TABLE_OPTIONS', 'COLUMN_FIELD_PATHS'],
    columns: [...TABLE_COLUMNS, { name: 'version', type: 'STRING' }],
    rowsOf: table => [
      {
        dataset_id: table.tableReference.datasetId,
        table_id: table.tableReference.tableId,
        table_type: 'BASE TABLE',
        partition_by: partitionExpression(table),
        ...tableOptions(table),
        version: versionOf(table),
      },
    ],
  },
  {
    views: ['TABLES', 'COLUMN_FIELD_PATHS'],
    columns: VERSION_COLUMNS,
    rowsOf: table => [
      {
        dataset_id: table.tableReference.datasetId,
        table_id: table.tableReference.tableId,
        version: versionOf(table),
      },
    ],
  },
  {
    views: ['COLUMN_FIELD_PATHS', 'COLUMNS'],
    columns: FIELD_COLUMNS,
    rowsOf: table =>
      fieldPathRows(table).map(row => ({
        dataset_id: table.tableReference.datasetId,
        table_id: table.tableReference.tableId,
        ...row,
      })),
  },
];

/**
 * Each table's rows per query, computed once: a table object is replaced,
 * never changed, on every write. Google does this work on its side; the
 * fake keeps it from weighing on the provisioner it shares a process with.
 */
const encodedRows = new WeakMap<FakeTable, Map<number, EncodedRow[]>>();

/** A cell as BigQuery's REST API writes it: `{ v: "..." }`, arrays as lists of cells. */
function cell(value: unknown): { v: unknown } {
  if (value === null || value === undefined) return { v: null };
  if (Array.isArray(value)) return { v: value.map(v => ({ v: String(v) })) };
  return { v: String(value) };
}

/** The result schema as BigQuery sends it. */
function resultSchema(columns: Column[]) {
  return { fields: columns.map(c => ({ mode: 'NULLABLE', ...c })) };
}

/**
 * Answers a metadata query over `tables` (the project's tables in the
 * region): its schema and rows as jobs.query sends them; undefined when
 * the query is not one the fake knows.
 */
export function answerMetadataQuery(
  views: Set<string>,
  tables: FakeTable[],
): { schema: unknown; rows: EncodedRow[] } | undefined {
  const index = QUERIES.findIndex(q => same(views, q.views));
  if (index < 0) return undefined;
  const { columns, rowsOf } = QUERIES[index];
  const rows: EncodedRow[] = [];
  for (const table of tables) {
    const cached = encodedRows.get(table) ?? new Map<number, EncodedRow[]>();
    encodedRows.set(table, cached);
    let encoded = cached.get(index);
    if (!encoded) {
      encoded = rowsOf(table).map(values => {
        const row = { f: columns.map(c => cell(values[c.name])) };
        return { row, bytes: JSON.stringify(row).length };
      });
      cached.set(index, encoded);
    }
    for (const row of encoded) rows.push(row);
  }
  return { schema: resultSchema(columns), rows };
}
