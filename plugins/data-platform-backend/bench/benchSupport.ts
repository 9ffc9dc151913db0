/*
 * What every benchmark here needs: command-line flags and a throwaway
 * PostgreSQL database on 127.0.0.1:5432 (user postgres, trust auth).
 */
import knexFactory, { Knex } from 'knex';
import { Client } from 'pg';
import { migrateClient } from '../src/database/migrations';

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/** The value after `--name` on the command line, else `fallback`. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** A fresh database, dropped again by `drop()`. */
export async function benchDatabase(
  name: string,
): Promise<{ db: Knex; drop: () => Promise<void> }> {
  const database = `dp_bench_${name}_${process.pid}`;
  const admin = new Client({ ...PG, database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  const db = knexFactory({
    client: 'pg',
    connection: { ...PG, database },
    pool: { min: 1, max: 10 },
  });
  await migrateClient(db);
  return {
    db,
    async drop() {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.end();
    },
  };
}
