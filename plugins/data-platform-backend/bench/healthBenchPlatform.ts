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
import { Knex } from 'knex';
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
