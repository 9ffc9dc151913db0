import {
  fieldMode,
  FieldType,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Knex } from 'knex';

/** A column of a warehouse table, as the database's own catalog lists it. */
export type CatalogColumn = {
  tableName: string;
  name: string;
  /** The SQL type as the catalog spells it. */
  sqlType: string;
  notNull: boolean;
};

/**
 * What differs between the databases the local warehouse runs on: the SQL
 * types that stand in for BigQuery's and the catalog of columns. Everything
 * else is portable knex.
 */
export interface WarehouseDialect {
  readonly name: 'sqlite' | 'postgres';
  /** The SQL type of the column holding a top-level field. */
  columnType(field: SchemaField): string;
  /** The BigQuery type closest to a column's SQL type (a column added by hand). */
  fieldTypeOf(sqlType: string): FieldType;
  /** The columns of these tables that exist, in column order, in one query per 500 tables. */
  readColumns(knex: Knex, tableNames: string[]): Promise<CatalogColumn[]>;
  /**
   * SQL reading the value at `path` inside a JSON column (a RECORD's
   * fields), as a value of the field's type where one is known, so that
   * MIN, MAX and comparisons see numbers and times rather than text.
   * `column` is quoted; path segments are plain names.
   */
  jsonValue(column: string, path: string[], type?: FieldType): string;
  /** How quality checks read a table: one consistent, read-only snapshot where the database has one. */
  readonly snapshot: Knex.TransactionConfig;
  /** The rows of a `knex.raw` result. */
  rawRows(result: unknown): Record<string, unknown>[];
}

type ScalarType = Exclude<FieldType, 'RECORD' | 'JSON'>;

/** Whether a field's column holds JSON: a RECORD, a REPEATED field or a JSON value. */
export function isJsonColumn(field: SchemaField): boolean {
  return (
    field.type === 'RECORD' ||
    field.type === 'JSON' ||
    fieldMode(field) === 'REPEATED'
  );
}

/** Tables whose columns one catalog query reads. */
const TABLES_PER_QUERY = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += TABLES_PER_QUERY) {
    result.push(items.slice(i, i + TABLES_PER_QUERY));
  }
  return result;
}

/** Lowercase, without a length or precision: `numeric(38, 9)` is `numeric`. */
export function normalizeSqlType(sqlType: string): string {
  return sqlType
    .toLowerCase()
    .replace(/\(.*\)/, '')
    .trim();
}

// The DDL spellings are the ones PostgreSQL's information_schema reports, so
// that a column we made reads back as the type we made it with.
const POSTGRES_TYPES: Record<ScalarType, string> = {
  STRING: 'text',
  BYTES: 'bytea',
  INT64: 'bigint',
  FLOAT64: 'double precision',
  NUMERIC: 'numeric(38, 9)',
  BIGNUMERIC: 'numeric',
  BOOL: 'boolean',
  TIMESTAMP: 'timestamp with time zone',
  DATE: 'date',
  TIME: 'time without time zone',
  DATETIME: 'timestamp without time zone',
  INTERVAL: 'interval',
  GEOGRAPHY: 'text',
};

const POSTGRES_FIELD_TYPES: Record<string, FieldType> = {
  text: 'STRING',
  'character varying': 'STRING',
  character: 'STRING',
  uuid: 'STRING',
  bytea: 'BYTES',
  bigint: 'INT64',
  integer: 'INT64',
  smallint: 'INT64',
  'double precision': 'FLOAT64',
  real: 'FLOAT64',
  numeric: 'NUMERIC',
  boolean: 'BOOL',
  'timestamp with time zone': 'TIMESTAMP',
  'timestamp without time zone': 'DATETIME',
  date: 'DATE',
  'time without time zone': 'TIME',
  'time with time zone': 'TIME',
  interval: 'INTERVAL',
  json: 'JSON',
  jsonb: 'JSON',
};

// What a value read as text from jsonb is cast to (the top-level column types).
const POSTGRES_JSON_CASTS: Partial<Record<FieldType, string>> = {
  INT64: 'bigint',
  FLOAT64: 'double precision',
  NUMERIC: 'numeric',
  BIGNUMERIC: 'numeric',
  BOOL: 'boolean',
  TIMESTAMP: 'timestamptz',
  DATE: 'date',
  DATETIME: 'timestamp',
  TIME: 'time',
};

const postgres: WarehouseDialect = {
  name: 'postgres',
  columnType: field =>
    isJsonColumn(field) ? 'jsonb' : POSTGRES_TYPES[field.type as ScalarType],
  fieldTypeOf: sqlType =>
    POSTGRES_FIELD_TYPES[normalizeSqlType(sqlType)] ?? 'STRING',
  async readColumns(knex, tableNames) {
    const columns: CatalogColumn[] = [];
    for (const names of chunks(tableNames)) {
      const rows = await knex('information_schema.columns')
        .select('table_name', 'column_name', 'data_type', 'is_nullable')
        .where('table_schema', knex.raw('current_schema()'))
        .whereIn('table_name', names)
        .orderBy(['table_name', 'ordinal_position']);
      for (const row of rows) {
        columns.push({
          tableName: row.table_name,
          name: row.column_name,
          sqlType: row.data_type,
          notNull: row.is_nullable === 'NO',
        });
      }
    }
    return columns;
  },
  jsonValue(column, path, type) {
    const text = `(${column} #>> '{${path.join(',')}}')`;
    const cast = type && POSTGRES_JSON_CASTS[type];
    return cast ? `${text}::${cast}` : text;
  },
  snapshot: { isolationLevel: 'repeatable read', readOnly: true },
  rawRows: result => (result as { rows: Record<string, unknown>[] }).rows,
};

const SQLITE_NUMBER_TYPES: FieldType[] = [
  'INT64',
  'FLOAT64',
  'NUMERIC',
  'BIGNUMERIC',
];

// SQLite keeps the declared type as written; these names give each column
// the storage affinity its values need (JSON is text, never a number).
const SQLITE_TYPES: Record<ScalarType, string> = {
  STRING: 'text',
  BYTES: 'blob',
  INT64: 'integer',
  FLOAT64: 'real',
  NUMERIC: 'numeric',
  BIGNUMERIC: 'numeric',
  BOOL: 'boolean',
  TIMESTAMP: 'timestamp',
  DATE: 'date',
  TIME: 'time',
  DATETIME: 'datetime',
  INTERVAL: 'interval',
  GEOGRAPHY: 'text',
};

/** In the order SQLite's affinity rules and our names need (`datetime` before `date`). */
const SQLITE_FIELD_TYPES: [RegExp, FieldType][] = [
  [/interval/, 'INTERVAL'],
  [/timestamp/, 'TIMESTAMP'],
  [/datetime/, 'DATETIME'],
  [/date/, 'DATE'],
  [/time/, 'TIME'],
  [/bool/, 'BOOL'],
  [/json/, 'JSON'],
  [/int/, 'INT64'],
  [/char|clob|text/, 'STRING'],
  [/blob|^$/, 'BYTES'],
  [/real|floa|doub/, 'FLOAT64'],
  [/numeric|decimal/, 'NUMERIC'],
];

const sqlite: WarehouseDialect = {
  name: 'sqlite',
  columnType: field =>
    isJsonColumn(field) ? 'text' : SQLITE_TYPES[field.type as ScalarType],
  fieldTypeOf: sqlType => {
    const type = normalizeSqlType(sqlType);
    return (
      SQLITE_FIELD_TYPES.find(([pattern]) => pattern.test(type))?.[1] ??
      'STRING'
    );
  },
  async readColumns(knex, tableNames) {
    const columns: CatalogColumn[] = [];
    for (const names of chunks(tableNames)) {
      // PRAGMA table_info as a table-valued function: every table at once.
      const rows: any[] = await knex.raw(
        `SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, p."notnull" AS not_null
           FROM sqlite_master m JOIN pragma_table_info(m.name) p
          WHERE m.type = 'table' AND m.name IN (${names
            .map(() => '?')
            .join(', ')})
          ORDER BY m.name, p.cid`,
        names,
      );
      for (const row of rows) {
        columns.push({
          tableName: row.table_name,
          name: row.column_name,
          sqlType: row.data_type,
          notNull: row.not_null === 1,
        });
      }
    }
    return columns;
  },
  jsonValue(column, path, type) {
    // json_extract gives JSON numbers and booleans as SQL numbers already.
    const value = `json_extract(${column}, '$.${path.join('.')}')`;
    if (type && SQLITE_NUMBER_TYPES.includes(type)) {
      return `CAST(${value} AS NUMERIC)`;
    }
    // As top-level TIMESTAMP columns hold them: ISO 8601 in UTC with milliseconds.
    if (type === 'TIMESTAMP') return `strftime('%Y-%m-%dT%H:%M:%fZ', ${value})`;
    return value;
  },
  // SQLite's transactions are serializable; it has no read-only one.
  snapshot: {},
  rawRows: result => result as Record<string, unknown>[],
};

/** The dialect of a knex client: PostgreSQL, or SQLite through better-sqlite3. */
export function dialectOf(knex: Knex): WarehouseDialect {
  const client = String(knex.client.config.client);
  if (client === 'pg') return postgres;
  if (client === 'better-sqlite3' || client === 'sqlite3') return sqlite;
  throw new Error(
    `The local warehouse runs on PostgreSQL (pg) or SQLite (better-sqlite3), not ${client}`,
  );
}
