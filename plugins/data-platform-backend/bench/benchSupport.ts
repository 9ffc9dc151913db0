/*
 * What every benchmark here needs: command-line flags, throwaway databases
 * (PostgreSQL on 127.0.0.1:5432, user postgres, trust auth; SQLite in a
 * temporary file), percentiles and a results table.
 */
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** A fresh SQLite database in a temporary file, removed again by `drop()`. */
export async function sqliteBenchDatabase(
  name: string,
): Promise<{ db: Knex; drop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dp-bench-${name}-`));
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  await migrateClient(db);
  return {
    db,
    async drop() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `measure` on a throwaway PostgreSQL database, then on a SQLite one,
 * or only on the one `only` names ("postgresql" or "sqlite"), dropping each
 * afterwards, whatever happens.
 */
export async function onEachBenchDatabase(
  name: string,
  only: string,
  measure: (database: { name: string; db: Knex }) => Promise<void>,
): Promise<void> {
  const kinds = [
    { name: 'PostgreSQL', open: () => benchDatabase(name) },
    { name: 'SQLite', open: () => sqliteBenchDatabase(name) },
  ].filter(kind => !only || kind.name.toLowerCase().startsWith(only));
  for (const kind of kinds) {
    const { db, drop } = await kind.open();
    try {
      await measure({ name: kind.name, db });
    } finally {
      await drop();
    }
  }
}

/** p50/p95/p99 and max of durations in ms. */
export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
  };
}

/**
 * Prints rows as a table under `header`: the first `textColumns` columns
 * aligned left, the figures right.
 */
export function printTable(
  header: string[],
  rows: string[][],
  textColumns = 2,
): void {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i < textColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]),
      )
      .join('  ');
  console.log(line(header));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Polls `check` every `intervalMs` until it holds (up to `timeoutMinutes`). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMinutes = 60,
  intervalMs = 1000,
): Promise<void> {
  const deadline = Date.now() + timeoutMinutes * 60_000;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/**
 * Runs `fn` under the V8 CPU profiler when `--profile DIR` was given and
 * writes `DIR/<name>.cpuprofile` (open it in Chrome's DevTools, or read it
 * with `node scripts/cpuprofile-top.mjs FILE`); otherwise just runs it.
 * `took` is `fn`'s own time, without starting the profiler or writing out
 * its profile.
 */
export async function profiled<T>(
  name: string,
  fn: () => Promise<T>,
): Promise<{ value: T; took: number }> {
  const dir = flag('profile', '');
  const timed = async () => {
    const started = performance.now();
    const value = await fn();
    return { value, took: performance.now() - started };
  };
  if (!dir) return timed();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await timed();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}

/**
 * Runs `fn` with every statement `db` sends timed from the query event to
 * its response, and returns them summed by statement text (parameters
 * apart), slowest first.
 */
export async function timedStatements<T>(
  db: Knex,
  fn: () => Promise<T>,
): Promise<{
  value: T;
  statements: { sql: string; count: number; ms: number }[];
}> {
  const started = new Map<string, number>();
  const bySql = new Map<string, { count: number; ms: number }>();
  const onQuery = (q: { __knexQueryUid: string }) => {
    started.set(q.__knexQueryUid, performance.now());
  };
  const onResponse = (
    _r: unknown,
    q: { __knexQueryUid: string; sql: string },
  ) => {
    const at = started.get(q.__knexQueryUid);
    if (at === undefined) return;
    started.delete(q.__knexQueryUid);
    const entry = bySql.get(q.sql) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += performance.now() - at;
    bySql.set(q.sql, entry);
  };
  db.on('query', onQuery);
  db.on('query-response', onResponse);
  try {
    const value = await fn();
    return {
      value,
      statements: [...bySql]
        .map(([sql, e]) => ({ sql, ...e }))
        .sort((a, b) => b.ms - a.ms),
    };
  } finally {
    db.off('query', onQuery);
    db.off('query-response', onResponse);
  }
}
