/*
 * Personal data along lineage on the generator's platform (PostgreSQL, a
 * throwaway database on 127.0.0.1:5432): the catalog's declared PII marks
 * and lineage, an hour of OpenLineage runs with column lineage (on a share
 * of the batch pipelines, as the generator emits it) recorded through the
 * ingestion's handlers, then
 *
 * - a full recompute: every declared column followed downstream, every
 *   finding (what the hourly job does);
 * - one burst at the top of the next hour: every pipeline runs again, and
 *   `--changed` of them emit column lineage they did not emit before. The
 *   PII handler queues only the outputs of the changed ones; the incremental
 *   recompute of what is downstream of them is timed next to a full
 *   recompute of the same state, and both must store the same rows.
 *
 *   yarn bench:pii [--preset spotify|large|medium|small] [--changed 200]
 *                  [--column-lineage-rate 0.2]
 */
import os from 'node:os';
import { mockServices } from '@backstage/backend-test-utils';
import {
  buildPlatform,
  generateOpenLineageEvents,
  generatePlatformEntities,
  PresetName,
  Random,
} from '@dataplatform/data-platform-generator';
import { Knex } from 'knex';
import { toLineageRecord } from '../src/services/CatalogSync/lineageRecord';
import { JobLease } from '../src/services/JobLease/JobLease';
import { DatabaseLineageStore } from '../src/services/LineageIndex/DatabaseLineageStore';
import { ObservedLineageHandler } from '../src/services/OpenLineage/ObservedLineageHandler';
import {
  PiiCatalogRecord,
  PiiCatalogStore,
} from '../src/services/PiiPropagation/PiiCatalogStore';
import { toPiiRecord } from '../src/services/PiiPropagation/PiiCatalogSync';
import { PiiEventHandler } from '../src/services/PiiPropagation/PiiEventHandler';
import { PiiPropagator } from '../src/services/PiiPropagation/PiiPropagator';
import { PiiResultStore } from '../src/services/PiiPropagation/PiiResultStore';
import { benchDatabase, flag, printTable } from './benchSupport';
import { asValidated } from './healthBenchPlatform';

const END = Date.parse('2026-11-26T10:00:00Z');
const HOUR = 3_600_000;
const BATCH = 1000;

const log = (...parts: unknown[]) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const began = performance.now();
  const value = await fn();
  return [value, performance.now() - began];
}

/** Every stored row of the propagation, for comparing two recomputes. */
async function stored(db: Knex): Promise<string> {
  const columns = await db('pii_columns')
    .select('node_id', 'column', 'certainty', 'classification', 'path')
    .orderBy(['node_id', 'column', 'certainty']);
  const findings = await db('pii_findings')
    .select('endpoint_ref', 'column', 'kind', 'classification', 'path')
    .orderBy(['endpoint_ref', 'column']);
  return JSON.stringify([columns, findings]);
}

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const changed = Number(flag('changed', '200'));
  const columnLineageRate = Number(flag('column-lineage-rate', '0.2'));

  const platform = buildPlatform({ preset });
  const entities = [...generatePlatformEntities(platform)].map(e => ({
    ...e,
    metadata: { ...e.metadata, etag: 'bench' },
  }));
  const { db, drop } = await benchDatabase('pii');
  try {
    const lineage = new DatabaseLineageStore(db);
    const catalog = new PiiCatalogStore(db);
    const lineageRecords = entities
      .filter(e => ['EventType', 'DataEndpoint', 'Pipeline'].includes(e.kind))
      .map(e => toLineageRecord(e, 'default'));
    for (let i = 0; i < lineageRecords.length; i += 2000) {
      await lineage.upsertEntities(lineageRecords.slice(i, i + 2000));
    }
    const piiRecords = entities
      .map(toPiiRecord)
      .filter((r): r is PiiCatalogRecord => r !== undefined);
    for (let i = 0; i < piiRecords.length; i += 2000) {
      await catalog.put(piiRecords.slice(i, i + 2000));
    }
    log(`${preset}: ${lineageRecords.length} entities in the lineage index`);

    const observed = new ObservedLineageHandler(lineage);
    const piiHandler = new PiiEventHandler(() => {});
    const record = async (events: unknown[]) => {
      for (let i = 0; i < events.length; i += BATCH) {
        const batch = events.slice(i, i + BATCH).map(asValidated);
        await db.transaction(async tx => {
          await piiHandler.handle(batch, tx);
          await observed.handle(batch, tx);
        });
      }
    };
    const hour = [
      ...generateOpenLineageEvents(platform, {
        end: END,
        hours: 1,
        mode: 'burst',
        columnLineageRate,
      }),
    ];
    await record(hour);
    await db.raw('VACUUM ANALYZE');
    const [{ edges }] = await db('lineage_column_edges').count({ edges: '*' });
    log(`${hour.length} events recorded: ${edges} column edges`);

    const results = new PiiResultStore(db);
    const propagator = new PiiPropagator({
      db,
      catalog,
      results,
      lease: new JobLease(db, 'pii-propagation'),
      logger: mockServices.rootLogger({ level: 'warn' }),
    });
    const [first, firstMs] = await timed(() => propagator.recomputeAll());
    log(`first full recompute: ${firstMs.toFixed(0)} ms`, first);

    // The next hour's burst: the same runs, some with new column lineage.
    const burst: any[] = [
      ...generateOpenLineageEvents(platform, {
        end: END + HOUR,
        hours: 1,
        mode: 'burst',
        columnLineageRate,
      }),
    ];
    const random = new Random(23);
    const withLineage = burst.filter(e =>
      (e.outputs ?? []).some(
        (o: any) => Object.keys(o.facets?.columnLineage?.fields ?? {}).length,
      ),
    );
    const touched = new Set<any>();
    while (touched.size < Math.min(changed, withLineage.length)) {
      touched.add(random.pick(withLineage));
    }
    for (const event of touched) {
      for (const output of event.outputs ?? []) {
        const fields = output.facets?.columnLineage?.fields;
        const [copied] = Object.values(fields ?? {}) as any[];
        if (!copied) continue;
        fields.bench_copy = { inputFields: copied.inputFields };
      }
    }
    const [, burstMs] = await timed(() => record(burst));
    const [{ queued }] = await db('pii_dirty_nodes').count({ queued: '*' });

    const [incremental, incrementalMs] = await timed(() =>
      propagator.processChanges(),
    );
    const afterIncremental = await stored(db);
    const [full, fullMs] = await timed(() => propagator.recomputeAll());
    const same = afterIncremental === (await stored(db));
    if (!same) throw new Error('the incremental recompute stored other rows');

    const load = os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ');
    console.log(
      `\n${preset}: ${full.declaredColumns} declared PII columns, ${edges} column edges, ` +
        `${full.derivedColumns} derived PII columns, ${full.mayContain} datasets that may contain PII, ` +
        `${full.findings} findings; load average ${load}`,
    );
    console.log(
      `burst: ${burst.length} events recorded in ${burstMs.toFixed(0)} ms, ` +
        `${touched.size} with new column lineage; ${queued} datasets queued`,
    );
    printTable(
      ['recompute', 'nodes', 'time', 'full / this'],
      [
        [
          'full (hourly job)',
          String(full.nodes),
          `${fullMs.toFixed(0)} ms`,
          '1.0x',
        ],
        [
          'incremental (after the burst)',
          String(incremental?.nodes ?? 0),
          `${incrementalMs.toFixed(0)} ms`,
          `${(fullMs / incrementalMs).toFixed(2)}x`,
        ],
      ],
    );
    console.log('incremental and full recompute stored the same rows');
  } finally {
    await drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
