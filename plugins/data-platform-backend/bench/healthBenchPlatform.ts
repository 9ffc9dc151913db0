/*
 * Shared setup of the pipeline-health benchmarks: a throwaway PostgreSQL
 * database on 127.0.0.1:5432, the generator's platform registered for health
 * and in the lineage index, and hours of its runs recorded.
 */
export { benchDatabase, flag } from './benchSupport';
import { isPipelineEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  buildPlatform,
  generateOpenLineageEvents,
  generatePlatformEntities,
  PresetName,
} from '@dataplatform/data-platform-generator';
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import { Client } from 'pg';
import { migrateClient } from '../src/database/migrations';
import { benchDatabase } from './benchSupport';
import { toLineageRecord } from '../src/services/CatalogSync/lineageRecord';
import { DatabaseLineageStore } from '../src/services/LineageIndex/DatabaseLineageStore';
import type { ValidatedEvent } from '@dataplatform/backstage-plugin-data-platform-node';
import { toHealthPipelineRecord } from '../src/services/Health/catalog/PipelineCatalogSync';
import type { HealthSettings } from '../src/services/Health/healthSettings';
import { readDataPlatformConfig } from '../src/config/readDataPlatformConfig';
import { RunRecorder } from '../src/services/Health/runs/RunRecorder';
import {
  HealthPipelineRecord,
  PipelineStore,
} from '../src/services/Health/store/PipelineStore';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const log = (...parts: unknown[]) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);

/** The plugin's default health settings: what an empty configuration gives. */
export function benchSettings(): HealthSettings {
  return readDataPlatformConfig(new ConfigReader({})).health;
}

/**
 * Registers the platform's pipelines for health (as the catalog sync does)
 * and their declared lineage in the index (pipeline <-> endpoint edges,
 * what the root-cause walk follows).
 */
export async function registerPlatform(
  db: Knex,
  preset: PresetName,
  registeredAt: number,
): Promise<{
  platform: ReturnType<typeof buildPlatform>;
  pipelines: HealthPipelineRecord[];
}> {
  const platform = buildPlatform({ preset });
  const records: HealthPipelineRecord[] = [];
  const lineage = [];
  for (const entity of generatePlatformEntities(platform)) {
    if (!isPipelineEntity(entity)) continue;
    const withEtag = {
      ...entity,
      metadata: { ...entity.metadata, etag: 'bench' },
    };
    records.push(toHealthPipelineRecord(withEtag, 'default'));
    lineage.push(toLineageRecord(withEtag, 'default'));
  }
  await new PipelineStore(db).upsert(records, registeredAt);
  const store = new DatabaseLineageStore(db);
  for (let i = 0; i < lineage.length; i += 2000) {
    await store.upsertEntities(lineage.slice(i, i + 2000));
  }
  return { platform, pipelines: records };
}

/** The generator's events as the ingestion hands them to its handlers. */
export function asValidated(event: any): ValidatedEvent {
  return {
    kind: 'RunEvent',
    key: '',
    eventTime: Date.parse(event.eventTime),
    event,
  };
}

/**
 * Records `hours` of the platform's runs ending at `end` straight through
 * the run recorder (the handler the ingestion calls), without the raw event
 * log: setup, not what is measured.
 */
export async function recordHistory(
  db: Knex,
  platform: ReturnType<typeof buildPlatform>,
  options: { end: number; hours: number; until?: number },
): Promise<number> {
  const recorder = new RunRecorder(db);
  let batch: ValidatedEvent[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    await db.transaction(tx => recorder.handle(events, tx));
  };
  for (const event of generateOpenLineageEvents(platform, {
    end: options.end,
    hours: options.hours,
    until: options.until,
  })) {
    batch.push(asValidated(event));
    count++;
    if (batch.length === 5000) await flush();
  }
  await flush();
  return count;
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

/**
 * A fresh database for one health benchmark run, whose setup (`setUp`: the
 * platform registered, its history recorded) is taken from the template
 * database `template` when one is named: the first run with that name sets
 * the template up (minutes at the spotify preset), later runs clone it in
 * seconds and migrate the clone to the current schema. Without a template
 * name the setup runs in the fresh database itself.
 */
export async function healthBenchDatabase(
  name: string,
  template: string,
  setUp: (db: Knex) => Promise<void>,
): Promise<{ db: Knex; drop: () => Promise<void> }> {
  if (!template) {
    const fresh = await benchDatabase(name);
    await setUp(fresh.db);
    return fresh;
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(template)) {
    throw new Error('--setup-template takes a lower-case database name');
  }
  const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
  const admin = new Client({ ...PG, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [template],
    );
    if (!rowCount) {
      log(`setting up the template database ${template}...`);
      await admin.query(`CREATE DATABASE ${template}`);
      const setup = knexFactory({
        client: 'pg',
        connection: { ...PG, database: template },
      });
      try {
        await migrateClient(setup);
        await setUp(setup);
      } catch (error) {
        await setup.destroy();
        await admin.query(`DROP DATABASE IF EXISTS ${template}`);
        throw error;
      }
      await setup.destroy();
    } else {
      log(`setup cloned from the template database ${template}`);
    }
    const database = `dp_bench_${name}_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
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
        const dropper = new Client({ ...PG, database: 'postgres' });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${database}`);
        await dropper.end();
      },
    };
  } finally {
    await admin.end();
  }
}
