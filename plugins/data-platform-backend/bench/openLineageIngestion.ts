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
 *   - floor:  the rows the cold run wrote (events, run ids, nodes, edges,
 *             column edges), inserted again as prepared rows, one transaction
 *             per batch: what a cold burst must write, at the raw rate;
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
import os from 'node:os';
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

/**
 * The floor of a cold burst: the rows the cold run wrote (events, run ids,
 * lineage nodes, edges and column edges) read back, deleted and inserted
 * again, each batch's share of every table with batched INSERTs in one
 * transaction per batch. What any ingestion of a platform seen for the first
 * time has to write, without parsing, validation, lookups or conflict
 * handling. The tables hold the same rows afterwards.
 */
async function coldFloor(db: Knex, batches: number): Promise<number> {
  const nodes = await db('lineage_nodes').orderBy('id');
  const edges = await db('lineage_edges');
  const columnEdges = await db('lineage_column_edges');
  const runJobs = await db('openlineage_run_jobs');
  const events = (await db('openlineage_events').orderBy('id')).map(
    ({ id, ...row }) => row,
  );
  // Each node in the batch that created it (ids grow batch by batch), each
  // edge in the batch of its newest node.
  const batchOfNode = new Map<number, number>();
  nodes.forEach((n, i) =>
    batchOfNode.set(Number(n.id), Math.floor((i * batches) / nodes.length)),
  );
  const newest = (...ids: (number | null)[]) =>
    Math.max(
      ...ids.filter(id => id !== null).map(id => batchOfNode.get(Number(id))!),
    );
  const slices = (rows: any[], batchOf: (row: any, i: number) => number) => {
    const out: any[][] = Array.from({ length: batches }, () => []);
    rows.forEach((row, i) => out[batchOf(row, i)].push(row));
    return out;
  };
  const even = (rows: any[]) =>
    slices(rows, (_, i) => Math.floor((i * batches) / rows.length));
  const tables: [string, any[][]][] = [
    ['openlineage_events', even(events)],
    ['openlineage_run_jobs', even(runJobs)],
    ['lineage_nodes', even(nodes)],
    ['lineage_edges', slices(edges, e => newest(e.from_id, e.to_id))],
    [
      'lineage_column_edges',
      slices(columnEdges, e => newest(e.from_id, e.to_id, e.via_id)),
    ],
  ];
  // On PostgreSQL a DELETE of the nodes would check every referencing
  // table per row (column edges' via_id has no index): minutes.
  const emptied = tables.map(([table]) => table);
  if (String(db.client.config.client).startsWith('pg')) {
    await db.raw(`TRUNCATE ${emptied.map(() => '??').join(', ')} CASCADE`, [
      ...emptied,
    ]);
  } else {
    for (const table of [...emptied].reverse()) await db(table).delete();
  }
  return timed(async () => {
    for (let batch = 0; batch < batches; batch++) {
      await db.transaction(async tx => {
        for (const [table, rows] of tables) {
          for (let i = 0; i < rows[batch].length; i += INSERT_BATCH) {
            await tx(table).insert(rows[batch].slice(i, i + INSERT_BATCH));
          }
        }
      });
    }
  });
}

/** Ingests the bodies one after another; what the ingestor answered, summed. */
async function ingestInProcess(
  ingestor: OpenLineageIngestor,
  bodies: Buffer[],
  answers: Answers,
) {
  return timed(async () => {
    for (const body of bodies) {
      answers.add(
        await ingestor.ingestBatch(
          await parseEventBatch(body, { ndjson: true }),
        ),
      );
    }
  });
}

/** What the ingestor answered over a run. */
class Answers {
  accepted = 0;
  duplicates = 0;
  refused = 0;
  add(answer: { accepted: number; duplicates: number; refused?: number }) {
    this.accepted += answer.accepted;
    this.duplicates += answer.duplicates;
    this.refused += answer.refused ?? 0;
  }
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
  console.log(`load average at the start: ${os.loadavg()[0].toFixed(2)}`);

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
    const answers = new Answers();
    const rawMs = Math.min(
      await rawInsert(db, validator, bursts[0].bodies),
      await rawInsert(db, validator, bursts[1].bodies),
    );
    const coldMs = await ingestInProcess(ingestor, bursts[0].bodies, answers);
    const floorMs = await coldFloor(db, bursts[0].bodies.length);
    const warmMs = await ingestInProcess(ingestor, bursts[1].bodies, answers);
    const httpConcurrency = database.name === 'SQLite' ? 1 : concurrency;
    const httpMs = await ingestOverHttp(
      ingestor,
      bursts[2].bodies,
      httpConcurrency,
    );
    const everyEdgeMs = await ingestInProcess(
      everyEdgeIngestor,
      bursts[3].bodies,
      answers,
    );
    const stored = await ingestor.eventLog.count();
    const replay = await ingestor.ingest(
      (
        await parseEventBatch(bursts[1].bodies[0], { ndjson: true })
      ).values,
    );
    const sent = bursts[0].events + bursts[1].events + bursts[3].events;
    const answered = answers.accepted + answers.duplicates + answers.refused;
    // The HTTP path's events are stored, not counted here.
    const httpStored = stored - answers.accepted;
    if (
      answered !== sent ||
      httpStored > bursts[2].events ||
      replay.accepted !== 0
    ) {
      throw new Error(
        `stored ${stored} events; answered ${answered} of ${sent}; replay accepted ${replay.accepted}`,
      );
    }
    console.log(
      `${database.name}: ${stored} events stored; in process ${answers.duplicates} duplicates, ${answers.refused} refused; over HTTP ${httpStored} of ${bursts[2].events} stored`,
    );
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
    report('cold floor: its rows, plain INSERTs', floorMs, bursts[0].events);
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
    `\nLoad average (1, 5, 15 min) at the end: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(', ')} on ${os.cpus().length} cores.`,
  );
  console.log(
    'Targets: >= 10,000 events/s on PostgreSQL, >= 50% of the raw rate (the cold index too). Every batch is acknowledged after its commit.',
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
