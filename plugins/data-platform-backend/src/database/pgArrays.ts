import type { Knex } from 'knex';
import { chunk } from './chunk';

/** A column written from an array: its name and PostgreSQL type. */
export type ArrayColumn = readonly [name: string, type: string];

/** Rows per statement: one array a column, whatever the row count. */
const BATCH = 10_000;
/** Values per IN list where there are no arrays. */
const IN_LIST = 1000;

/** Whether `db` talks to PostgreSQL (where the writes below apply). */
export const isPostgres = (db: Knex) =>
  String(db.client.config.client).startsWith('pg');

/** One array a column, a null in it sent as NULL by node-postgres. */
const arraysOf = (
  columns: readonly ArrayColumn[],
  rows: Record<string, unknown>[],
) =>
  columns.map(
    ([column]) => rows.map(row => row[column] ?? null) as unknown as string[],
  );

const unnest = (columns: readonly ArrayColumn[]) =>
  `unnest(${columns.map(([, type]) => `?::${type}[]`).join(', ')})`;

const returning = (columns?: readonly string[]) =>
  columns ? ` returning ${columns.join(', ')}` : '';

/**
 * PostgreSQL's bulk upsert: `insert ... select * from unnest(...)`, one
 * statement of one array a column per 10,000 rows, rather than a VALUES list
 * of a parameter a cell. Building, sending and parsing those parameters
 * costs about as much as writing the rows. Without `conflict` a plain
 * insert; with it, `merge` lists the columns a conflicting row takes from
 * the new one, and without `merge` conflicts are left alone. Keys must be
 * unique within `rows`.
 */
export async function upsertFromArrays<Row = Record<string, unknown>>(
  db: Knex,
  table: string,
  columns: readonly ArrayColumn[],
  rows: Record<string, unknown>[],
  options: {
    conflict?: readonly string[];
    merge?: readonly string[];
    /** Columns of the rows written to return (conflicts left alone are not). */
    returning?: readonly string[];
  } = {},
): Promise<Row[]> {
  const names = columns.map(([column]) => column);
  const onConflict = options.merge
    ? `do update set ${options.merge
        .map(column => `${column} = excluded.${column}`)
        .join(', ')}`
    : 'do nothing';
  const sql = `insert into ${table} (${names.join(', ')})
    select * from ${unnest(columns)}
    ${
      options.conflict
        ? `on conflict (${options.conflict.join(', ')}) ${onConflict}`
        : ''
    }${returning(options.returning)}`;
  return run<Row>(db, sql, columns, rows);
}

/** Runs `sql` once per batch of `rows` sent as arrays; the rows it returns. */
async function run<Row>(
  db: Knex,
  sql: string,
  columns: readonly ArrayColumn[],
  rows: Record<string, unknown>[],
): Promise<Row[]> {
  const returned: Row[] = [];
  for (const batch of chunk(rows, BATCH)) {
    const result = await db.raw(sql, arraysOf(columns, batch));
    returned.push(...(result.rows as Row[]));
  }
  return returned;
}

/**
 * PostgreSQL's bulk update: `update ... from unnest(...)`, setting `set`
 * on the rows whose `key` columns match (and `where`, over the row `t` and
 * the arrays' row `k`), one statement per 10,000 rows. A column named in
 * `set` takes the arrays' value; a `[column, sql]` pair takes an SQL
 * expression over `t` and `k`.
 */
export async function updateFromArrays<Row = Record<string, unknown>>(
  db: Knex,
  table: string,
  columns: readonly ArrayColumn[],
  rows: Record<string, unknown>[],
  options: {
    key: readonly string[];
    set: readonly (string | readonly [column: string, sql: string])[];
    /** A further condition over `t` and `k`. */
    where?: string;
    /** Columns of the updated rows to return (of `t`). */
    returning?: readonly string[];
  },
): Promise<Row[]> {
  const names = columns.map(([column]) => column);
  const assignments = options.set
    .map(entry =>
      typeof entry === 'string'
        ? `${entry} = k.${entry}`
        : `${entry[0]} = ${entry[1]}`,
    )
    .join(', ');
  const sql = `update ${table} as t set ${assignments}
    from ${unnest(columns)} as k(${names.join(', ')})
    where ${[
      ...options.key.map(column => `t.${column} = k.${column}`),
      ...(options.where ? [`(${options.where})`] : []),
    ].join(' and ')}${returning(options.returning?.map(c => `t.${c}`))}`;
  return run<Row>(db, sql, columns, rows);
}

/**
 * PostgreSQL's bulk read by composite keys: the rows of `table` whose `key`
 * columns match one of `keys`, as a join against the keys' arrays, one
 * statement per 10,000 keys.
 */
export async function selectByArrays<Row>(
  db: Knex,
  table: string,
  key: readonly ArrayColumn[],
  keys: Record<string, unknown>[],
  select: readonly string[] = ['*'],
): Promise<Row[]> {
  const names = key.map(([column]) => column);
  const sql = `select ${select.map(c => `t.${c}`).join(', ')} from ${table} as t
    join ${unnest(key)} as k(${names.join(', ')})
    on ${names.map(column => `t.${column} = k.${column}`).join(' and ')}`;
  return run<Row>(db, sql, key, keys);
}

/**
 * PostgreSQL's bulk delete by composite keys: `delete ... using unnest(...)`,
 * one statement per 10,000 keys.
 */
export async function deleteByArrays(
  db: Knex,
  table: string,
  key: readonly ArrayColumn[],
  keys: Record<string, unknown>[],
): Promise<void> {
  const names = key.map(([column]) => column);
  const sql = `delete from ${table} as t
    using ${unnest(key)} as k(${names.join(', ')})
    where ${names.map(column => `t.${column} = k.${column}`).join(' and ')}`;
  await run(db, sql, key, keys);
}

/**
 * The rows `query` selects whose `column` is one of `values` (`type` is its
 * PostgreSQL type): on PostgreSQL one statement of `= any(array)` per 10,000
 * values, elsewhere IN lists of 1,000. A long IN list costs PostgreSQL a
 * parameter each to bind and plan; an array costs one.
 */
export async function selectIn<Row>(
  db: Knex,
  query: () => Knex.QueryBuilder,
  column: string,
  type: string,
  values: readonly (string | number)[],
): Promise<Row[]> {
  const unique = [...new Set(values)];
  const rows: Row[] = [];
  if (isPostgres(db)) {
    for (const batch of chunk(unique, BATCH)) {
      rows.push(
        ...(await query().whereRaw(`?? = any(?::${type}[])`, [
          column,
          batch as unknown as string[],
        ])),
      );
    }
  } else {
    for (const batch of chunk(unique, IN_LIST)) {
      rows.push(...(await query().whereIn(column, batch)));
    }
  }
  return rows;
}
