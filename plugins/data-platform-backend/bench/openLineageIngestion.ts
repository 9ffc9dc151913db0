/*
 * Benchmark 2 of issue 3: OpenLineage ingestion, events/s with ack after
 * commit, vs a raw batched INSERT of the same rows into the raw event table,
 * measured in the same run on PostgreSQL (a throwaway database on
 * 127.0.0.1:5432) and on SQLite (a temporary file).
 *
 * The events are the generator's top-of-the-hour bursts (every batch
 * pipeline's START and COMPLETE/FAIL for its latest partition: ~76,000 events
 * on the spotify preset), sent as NDJSON batches of --batch events, one after
 * another, each acknowledged after its commit:
 *   - raw:    the rows our event log would hold, prepared beforehand, inserted
 *             with one batched INSERT and one commit per batch;
 *   - cold:   our ingestor (parse, validate, dedupe, event log, lineage
 *             mapping) on an empty lineage index: every node and edge is new;
 *   - warm:   the next hour's burst: same lineage, new runs (steady state;
 *             edges seen within lastSeenResolution, 6 h by default, are not
 *             rewritten);
 *   - http:   the hour after, POSTed to the real route (auth, permission,
 *             body parsing), --concurrency requests in flight from a worker
 *             thread (the scheduler);
 *   - warm, resolution 0: the hour after, every event rewriting its edges'
 *             lastSeenAt (the worst case of the setting).
 *
 *   yarn bench:ingestion [--preset spotify|large|medium|small] [--batch 1000]
 *                        [--concurrency 4] [--only postgresql|sqlite]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  buildPlatform,
  generateOpenLineageEvents,
  PresetName,
} from '@dataplatform/data-platform-generator';
import express from 'express';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import {
  OPENLINEAGE_ENDPOINT,
  openLineageRoutes,
} from '../src/routes/openLineageRoutes';
import { DatabaseLineageStore } from '../src/services/LineageIndex/DatabaseLineageStore';
import {
  eventLogRow,
  INSERT_BATCH,
} from '../src/services/OpenLineage/OpenLineageEventLog';
import { ObservedLineageHandler } from '../src/services/OpenLineage/ObservedLineageHandler';
import { OpenLineageIngestor } from '../src/services/OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from '../src/services/OpenLineage/OpenLineageValidator';
import { parseEventBatch } from '../src/services/OpenLineage/parseEventBatch';
import { flag, onEachBenchDatabase, printTable } from './benchSupport';

const BURST_END = Date.parse('2026-11-26T10:00:00Z');
const HOUR = 3_600_000;

/**
 * One burst as the NDJSON bodies a scheduler would POST, as bytes: held
 * outside the JavaScript heap, so the server's garbage collector does not
 * trace the load generator's data.
 */
function burstBodies(
  platform: ReturnType<typeof buildPlatform>,
  hour: number,
  batch: number,
): { bodies: Buffer[]; events: number } {
  const bodies: Buffer[] = [];
  let lines: string[] = [];
  let events = 0;
  for (const event of generateOpenLineageEvents(platform, {
    end: BURST_END + hour * HOUR,
    mode: 'burst',
  })) {
    lines.push(JSON.stringify(event));
    events++;
    if (lines.length === batch) {
      bodies.push(Buffer.from(lines.join('\n')));
      lines = [];
    }
  }
  if (lines.length > 0) bodies.push(Buffer.from(lines.join('\n')));
  return { bodies, events };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The "obvious alternative": prepared rows, one batched INSERT and commit per batch. */
async function rawInsert(
  db: Knex,
  validator: OpenLineageValidator,
  bodies: Buffer[],
): Promise<number> {
  const receivedAt = Date.now();
  const batches: ReturnType<typeof eventLogRow>[][] = [];
  for (const body of bodies) {
    const { values, texts } = await parseEventBatch(body, { ndjson: true });
    batches.push(
      validator.validate(values, texts).map(e => eventLogRow(e, receivedAt)),
    );
  }
  await db('openlineage_events').delete();
  const ms = await timed(async () => {
    for (const rows of batches) {
      await db.transaction(async tx => {
        for (let i = 0; i < rows.length; i += INSERT_BATCH) {
          await tx('openlineage_events').insert(
            rows.slice(i, i + INSERT_BATCH),
          );
        }
      });
    }
  });
  await db('openlineage_events').delete();
  return ms;
}

async function ingestInProcess(
  ingestor: OpenLineageIngestor,
  bodies: Buffer[],
) {
  return timed(async () => {
    for (const body of bodies) {
      await ingestor.ingestBatch(await parseEventBatch(body, { ndjson: true }));
    }
  });
}

/**
 * The scheduler side of the HTTP path: POSTs the bodies with `concurrency`
 * requests in flight from a worker thread, so that neither its requests nor
 * the bodies it holds share the server's event loop and heap, as a real
 * scheduler's would not. Returns the time from the first POST to the last
 * acknowledgement.
 */
const SCHEDULER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, concurrency } = workerData;
(async () => {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-ndjson' },
          body: bodies[next++],
        });
        if (!response.ok) {
          throw new Error(response.status + ' ' + (await response.text()));
        }
        await response.arrayBuffer();
      }
    }),
  );
  parentPort.postMessage({ ms: performance.now() - start });
})().catch(error => parentPort.postMessage({ error: String(error) }));
`;

async function ingestOverHttp(
  ingestor: OpenLineageIngestor,
  bodies: Buffer[],
  concurrency: number,
): Promise<number> {
  const app = express();
  app.use(
    openLineageRoutes({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      ingestor,
      maxBodySize: '64mb',
    }),
  );
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.rootLogger({ level: 'error' }),
    }).error(),
  );
  const server = app.listen(0);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${OPENLINEAGE_ENDPOINT}`;
  try {
    const scheduler = new Worker(SCHEDULER, {
      eval: true,
      workerData: { url, bodies, concurrency },
    });
    const result: { ms?: number; error?: string } = await new Promise(
      (resolve, reject) => {
        scheduler.once('message', resolve);
        scheduler.once('error', reject);
      },
    );
    await scheduler.terminate();
    if (result.error !== undefined) throw new Error(result.error);
    return result.ms!;
  } finally {
    server.close();
  }
}

/**
 * Four hours' bursts. The generator's platform stays in here: it is not the
 * server's to carry while the bursts are sent.
 */
function generateBursts(preset: PresetName, batch: number) {
  const platform = buildPlatform({ preset });
  return {
    pipelines: platform.pipelines.length,
    bursts: [0, 1, 2, 3].map(hour => burstBodies(platform, hour, batch)),
  };
}

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const batch = Number(flag('batch', '1000'));
  const concurrency = Number(flag('concurrency', '4'));
  const only = flag('only', '');

  let t = Date.now();
  const { pipelines, bursts } = generateBursts(preset, batch);
  const events = bursts[0].events;
  console.log(
    `preset ${preset}: ${pipelines} pipelines; ${events} events a burst, NDJSON batches of ${batch}; generated in ${
      Date.now() - t
    } ms`,
  );
  t = Date.now();
  const validator = OpenLineageValidator.fromPackage();
  console.log(`validator compiled in ${Date.now() - t} ms`);

  const rows: string[][] = [];
  await onEachBenchDatabase('openlineage', only, async database => {
    const { db } = database;
    const store = new DatabaseLineageStore(db);
    const ingestor = new OpenLineageIngestor({
      db,
      validator,
      handlers: [new ObservedLineageHandler(store)],
    });
    const everyEdgeIngestor = new OpenLineageIngestor({
      db,
      validator,
      handlers: [new ObservedLineageHandler(store, { resolutionMs: 0 })],
    });
    const rate = (ms: number, n: number) => Math.round((n / ms) * 1000);
    const rawMs = Math.min(
      await rawInsert(db, validator, bursts[0].bodies),
      await rawInsert(db, validator, bursts[1].bodies),
    );
    const coldMs = await ingestInProcess(ingestor, bursts[0].bodies);
    const warmMs = await ingestInProcess(ingestor, bursts[1].bodies);
    const httpConcurrency = database.name === 'SQLite' ? 1 : concurrency;
    const httpMs = await ingestOverHttp(
      ingestor,
      bursts[2].bodies,
      httpConcurrency,
    );
    const everyEdgeMs = await ingestInProcess(
      everyEdgeIngestor,
      bursts[3].bodies,
    );
    const stored = await ingestor.eventLog.count();
    const replay = await ingestor.ingest(
      (
        await parseEventBatch(bursts[1].bodies[0], { ndjson: true })
      ).values,
    );
    const sent = bursts.reduce((sum, b) => sum + b.events, 0);
    if (stored !== sent || replay.accepted !== 0) {
      throw new Error(
        `stored ${stored} events; replay accepted ${replay.accepted}`,
      );
    }
    const raw = rate(rawMs, events);
    const report = (label: string, ms: number, n: number) => {
      const r = rate(ms, n);
      rows.push([
        database.name,
        label,
        `${n}`,
        `${(ms / 1000).toFixed(2)} s`,
        `${r}`,
        `${((100 * r) / raw).toFixed(0)}%`,
      ]);
    };
    report('raw batched INSERT (baseline)', rawMs, events);
    report('ingestor, cold index', coldMs, bursts[0].events);
    report('ingestor, warm index (steady state)', warmMs, bursts[1].events);
    report(
      `HTTP route, ${httpConcurrency} in flight`,
      httpMs,
      bursts[2].events,
    );
    report(
      'ingestor, warm, lastSeenResolution 0',
      everyEdgeMs,
      bursts[3].events,
    );
  });

  console.log();
  printTable(
    ['database', 'path', 'events', 'time', 'events/s', 'of raw'],
    rows,
  );
  console.log(
    '\nTargets: >= 10,000 events/s on PostgreSQL, >= 50% of the raw rate. Every batch is acknowledged after its commit.',
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
