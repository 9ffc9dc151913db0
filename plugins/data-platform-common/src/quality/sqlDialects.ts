import type { FieldType, SchemaField } from '../schema/fields';
import type { QualityDialect } from './types';

/** A name segment our compiler writes into SQL itself (BigQuery's column rules). */
export const COLUMN_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An identifier quoted as the dialect quotes it. */
export function quoteIdentifier(dialect: QualityDialect, name: string): string {
  if (dialect === 'bigquery') return `\`${name.replace(/[`\\]/g, '\\$&')}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

// What a nested value read from JSON text is cast to in PostgreSQL, so that
// MIN, MAX and comparisons see numbers and times rather than text.
const POSTGRES_JSON_CASTS: Partial<Record<FieldType, string>> = {
  INT64: 'bigint',
  FLOAT64: 'double precision',
  NUMERIC: 'numeric',
  BIGNUMERIC: 'numeric',
  BOOL: 'boolean',
  TIMESTAMP: 'timestamptz',
  DATE: 'date',
  DATETIME: 'timestamp',
};

/**
 * How each dialect reads a column path by default: BigQuery's nested
 * fields by dots; the local warehouse keeps a RECORD as JSON (PostgreSQL
 * jsonb, SQLite text), so a nested path reads into it.
 */
export function defaultColumnExpression(
  dialect: QualityDialect,
  path: string,
  field?: SchemaField,
): string {
  const [column, ...nested] = path.split('.');
  const quoted = quoteIdentifier(dialect, column);
  if (nested.length === 0) return quoted;
  if (dialect === 'bigquery') {
    return [quoted, ...nested.map(s => quoteIdentifier(dialect, s))].join('.');
  }
  if (dialect === 'sqlite') {
    return `json_extract(${quoted}, '$.${nested.join('.')}')`;
  }
  const text = `(${quoted} #>> '{${nested.join(',')}}')`;
  const cast = field && POSTGRES_JSON_CASTS[field.type];
  return cast ? `${text}::${cast}` : text;
}

type PartitionColumnType = 'TIMESTAMP' | 'DATE' | 'DATETIME';

const POSTGRES_TIME_TYPES: Record<PartitionColumnType, string> = {
  TIMESTAMP: 'timestamptz',
  DATE: 'date',
  DATETIME: 'timestamp',
};

/**
 * A partition bound as a placeholder and its value. BigQuery and
 * PostgreSQL cast it to the column's type (a DATE column compared with a
 * TIMESTAMP is an error in BigQuery); SQLite compares the text the local
 * warehouse stores: ISO 8601, `Z`-suffixed with milliseconds for a
 * TIMESTAMP, a date for a DATE, seconds without a zone for a DATETIME.
 */
export function partitionBound(
  dialect: QualityDialect,
  columnType: PartitionColumnType,
  time: string,
): { sql: string; value: string } {
  const iso = new Date(time).toISOString();
  const length: Record<PartitionColumnType, number> = {
    DATE: 10,
    DATETIME: 19,
    TIMESTAMP: iso.length,
  };
  const value = iso.slice(0, length[columnType]);
  if (dialect === 'sqlite') return { sql: '?', value };
  const type =
    dialect === 'bigquery' ? columnType : POSTGRES_TIME_TYPES[columnType];
  return { sql: `CAST(? AS ${type})`, value };
}

/**
 * The start of the CTE that stands in for the table. PostgreSQL and SQLite
 * would materialize a CTE read more than once (custom checks read it
 * again): a copy of the whole partition. Inlined, each read is a filtered
 * scan of the table instead.
 */
export function cteHeader(dialect: QualityDialect, name: string): string {
  return dialect === 'bigquery'
    ? `WITH ${name} AS (`
    : `WITH ${name} AS NOT MATERIALIZED (`;
}

/**
 * Whether a single column's distinct count goes to the duplicate-keys
 * query instead of the scan. PostgreSQL runs no aggregate with DISTINCT in
 * parallel workers, so one COUNT(DISTINCT) in the scan would keep all its
 * other aggregates to one process. BigQuery distributes it and bills each
 * column read, and SQLite runs one process anyway: there it stays in the
 * scan, which then reads the partition for it.
 */
export function distinctCountsApart(dialect: QualityDialect): boolean {
  return dialect === 'postgres';
}

/** A value bound into a query: SQLite has no booleans (the warehouse stores 1 and 0). */
export function bindingValue(
  dialect: QualityDialect,
  value: string | number | boolean,
): string | number | boolean {
  if (dialect === 'sqlite' && typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
