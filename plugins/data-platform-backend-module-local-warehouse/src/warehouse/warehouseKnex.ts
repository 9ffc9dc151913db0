import knexFactory, { Knex } from 'knex';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { WarehouseDatabaseConfig } from '../config';

/**
 * A knex client of the warehouse's own database. SQLite gets one
 * connection (an in-memory database lives and dies with it, and SQLite has
 * one writer anyway); a file's directory is created. PostgreSQL's database
 * must exist.
 */
export function warehouseKnex(database: WarehouseDatabaseConfig): Knex {
  if (database.client === 'better-sqlite3') {
    if (database.filename !== ':memory:') {
      mkdirSync(dirname(resolve(database.filename)), { recursive: true });
    }
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: database.filename },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
  }
  return knexFactory({
    client: 'pg',
    connection: database.connection as Knex.PgConnectionConfig | string,
    pool: { min: 0, max: 5 },
  });
}
