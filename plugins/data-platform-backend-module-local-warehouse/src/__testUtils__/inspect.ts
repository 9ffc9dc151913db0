import type { Knex } from 'knex';

/** The names of a table's indexes, from the database's own catalog. */
export async function indexNames(knex: Knex, table: string): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    const rows = await knex('pg_indexes')
      .where({ tablename: table })
      .select('indexname');
    return rows.map(r => r.indexname).sort();
  }
  const rows = await knex('sqlite_master')
    .where({ type: 'index', tbl_name: table })
    .select('name');
  return rows.map(r => r.name).sort();
}

/** A JSON column's value: PostgreSQL's jsonb comes parsed, SQLite's text does not. */
export function jsonValue(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
