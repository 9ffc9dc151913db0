import { Knex } from 'knex';

/**
 * Each key with `column` of the row of `table` whose `keyColumns` hold it, or
 * null when there is none. `keyColumns` must be a unique index of `table`.
 *
 * The keys go in as a VALUES list, each probed by a scalar subquery: equality
 * on every column of a unique index is an index probe whatever the table's
 * statistics say. A growing table has none yet, and PostgreSQL then plans a
 * `key IN (...)` list (or a join) as a scan of the table, one per batch:
 * ingestion that first sees a platform slowed down as the index grew.
 * `integer` says which key columns hold integers (PostgreSQL types the
 * VALUES list's parameters as text otherwise).
 */
export async function probeKeys<T>(
  tx: Knex | Knex.Transaction,
  options: {
    table: string;
    keyColumns: string[];
    integer?: boolean[];
    column: string;
    keys: (string | number)[][];
  },
): Promise<{ key: (string | number)[]; found: T | null }[]> {
  const { table, keyColumns, column, keys } = options;
  if (keys.length === 0) return [];
  const parameter = keyColumns
    .map((_, i) => (options.integer?.[i] ? 'CAST(? AS INTEGER)' : '?'))
    .join(', ');
  const match = keyColumns
    .map((_, i) => `t.?? = v.column${i + 1}`)
    .join(' AND ');
  const echo = keyColumns.map((_, i) => `v.column${i + 1} AS k${i}`).join(', ');
  const sql = `SELECT ${echo}, (SELECT t.?? FROM ?? t WHERE ${match}) AS found FROM (VALUES ${keys
    .map(() => `(${parameter})`)
    .join(', ')}) v`;
  const result = await tx.raw(sql, [
    column,
    table,
    ...keyColumns,
    ...keys.flat(),
  ]);
  // PostgreSQL answers a result object, SQLite the rows.
  const rows: Record<string, any>[] = Array.isArray(result)
    ? result
    : result.rows;
  return rows.map(r => ({
    key: keyColumns.map((_, i) => r[`k${i}`]),
    found: r.found ?? null,
  }));
}
