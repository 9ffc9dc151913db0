/*
 * The backend's responsiveness while callers flood the OpenLineage endpoint
 * with large bodies of invalid events: latency of the readiness probe and of
 * a lineage graph query, sampled every --interval ms, against the same
 * samples taken with no load in the same run.
 *
 * A real backend (startTestBackend: the data-platform plugin, Backstage's
 * root HTTP router with its health routes and error handler) on a throwaway
 * PostgreSQL database on 127.0.0.1:5432 and on a SQLite file, its lineage
 * index seeded with the generator's top-of-the-hour burst. The load and the
 * probes run in a worker thread, so that their own event loop is not the one
 * measured. Each load: --attackers callers each send its requests again as
 * soon as the previous one was answered, for --seconds:
 *   - "{}" lines:    10 MB of NDJSON `{}` (3.5 million events);
 *   - invalid NDJSON: 10,000 events of ~1 KB whose runId is no UUID;
 *   - invalid array:  the same events as one JSON array;
 *   - replayed valid: 10,000 valid ~1 KB events, the same ones each time;
 *   - broken datasets: one event of 9.6 MB, 260,000 inputs named by numbers;
 *   - broken facets:  one event of 9.8 MB, one output whose schema facet
 *                     has 650,000 fields named by numbers;
 *   - lineage queries: the query routes at their largest (graph at depth
 *                     10 and 5,000 nodes, a path, column lineage, 500
 *                     catalog gaps, search, the on-call list), in turn.
 * Besides the probes' latency it prints the backend process's resident
 * memory at its peak during each load, and the machine's load average.
 *
 *   yarn bench:ingestion:load [--only postgresql|sqlite] [--attackers 8]
 *                             [--seconds 20] [--interval 50] [--preset large]
 *                             [--load NAME]  (only the loads whose name has NAME)
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildPlatform,
  generateOpenLineageEvents,
  PresetName,
} from '@dataplatform/data-platform-generator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { dataPlatformPlugin } from '../src/plugin';
import { flag, percentiles, printTable } from './benchSupport';

const MB = 1024 * 1024;
const ENDPOINT = '/api/data-platform/openlineage/api/v1/lineage';

/** One request of a load, sent again and again. */
type LoadRequest = {
  method: 'GET' | 'POST';
  path: string;
  body?: Buffer;
  contentType?: string;
};

/** What the worker reports for one load. */
type LoadResult = {
  probes: { readiness: number[]; graph: number[] };
  /** Answers to the load's requests by status, e.g. { 400: 96 }; `closed`: the connection closed before the body was sent. */
  statuses: Record<string, number>;
  /** Probes that did not answer 200, by status. */
  probeFailures: Record<string, number>;
};

/**
 * The worker: `attackers` loops sending the load's requests in turn until
 * the time is up, and a probe every `interval` ms that times the readiness
 * route and a graph query, each from the request's start to its last byte.
 */
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, auth, requests, attackers, seconds, interval, graphPath } = workerData;
(async () => {
  const until = performance.now() + seconds * 1000;
  const statuses = {};
  const probeFailures = {};
  const probes = { readiness: [], graph: [] };
  const timed = async (name, url, headers) => {
    const start = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    probes[name].push(performance.now() - start);
    if (response.status !== 200) {
      probeFailures[name + ' ' + response.status] = (probeFailures[name + ' ' + response.status] ?? 0) + 1;
    }
  };
  const attack = async (caller) => {
    for (let i = caller; performance.now() < until; i++) {
      const request = requests[i % requests.length];
      let status;
      try {
        const response = await fetch(base + request.path, {
          method: request.method,
          headers: request.body
            ? { 'Content-Type': request.contentType, authorization: auth }
            : { authorization: auth },
          body: request.body,
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        // The server answered before the body was sent, and closed.
        status = 'closed';
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const probe = async () => {
    const pending = [];
    while (performance.now() < until) {
      pending.push(
        timed('readiness', base + '/.backstage/health/v1/readiness', {}),
        timed('graph', base + graphPath, { authorization: auth }),
      );
      await new Promise(resolve => setTimeout(resolve, interval));
    }
    await Promise.all(pending);
  };
  await Promise.all([
    probe(),
    ...Array.from({ length: attackers }, (_, caller) => attack(caller)),
  ]);
  parentPort.postMessage({ probes, statuses, probeFailures });
})().catch(error => parentPort.postMessage({ error: String(error.stack ?? error) }));
`;

/** A RunEvent of about 1 KB; `runId` decides whether it is valid. */
function runEvent(i: number, runId: string) {
  return {
    eventType: 'COMPLETE',
    eventTime: new Date(Date.UTC(2026, 10, 26, 10, 0, 0, i)).toISOString(),
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.24.0/client',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId,
      facets: {
        processing: {
          _producer: 'https://example.com/load',
          _schemaURL: 'https://example.com/load/facet.json',
          note: 'x'.repeat(480),
        },
      },
    },
    job: { namespace: 'load', name: `job-${i % 500}` },
    inputs: [{ namespace: 'bigquery', name: `load.input.t${i % 700}` }],
    outputs: [{ namespace: 'bigquery', name: `load.output.t${i % 700}` }],
  };
}

const uuid = (i: number) =>
  `0193a3c6-6b1e-7b6c-9d6a-${i.toString(16).padStart(12, '0')}`;

/** A load: the requests its callers send. */
type Load = { name: string; requests: LoadRequest[] };

const posted = (body: Buffer, contentType: string): LoadRequest[] => [
  { method: 'POST', path: ENDPOINT, body, contentType },
];

/** One event of about `bytes`, whose `count` inputs or schema fields are broken. */
function brokenEvent(what: 'datasets' | 'facets', count: number) {
  // A run of its own: a run id another job used first is refused.
  const event: Record<string, any> = runEvent(0, uuid(1_000_000));
  if (what === 'datasets') {
    event.inputs = Array.from({ length: count }, (_, i) => ({
      namespace: 'bigquery',
      name: i,
    }));
  } else {
    event.outputs[0].facets = {
      schema: {
        _producer: 'https://example.com/load',
        _schemaURL:
          'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json',
        fields: Array.from({ length: count }, (_, i) => ({ name: i })),
      },
    };
  }
  return Buffer.from(JSON.stringify(event));
}

/** The loads on ingestion: each a body as bytes and its Content-Type. */
function ingestionLoads(): Load[] {
  const invalid = Array.from({ length: 10_000 }, (_, i) =>
    JSON.stringify(runEvent(i, `run-${i}`)),
  );
  const valid = Array.from({ length: 10_000 }, (_, i) =>
    JSON.stringify(runEvent(i, uuid(i))),
  );
  const ndjson = 'application/x-ndjson';
  const json = 'application/json';
  return [
    {
      name: '"{}" lines',
      requests: posted(
        Buffer.from('{}\n'.repeat(Math.floor((10 * MB) / 3))),
        ndjson,
      ),
    },
    {
      name: 'invalid NDJSON',
      requests: posted(Buffer.from(invalid.join('\n')), ndjson),
    },
    {
      name: 'invalid array',
      requests: posted(Buffer.from(`[${invalid.join(',')}]`), json),
    },
    {
      name: 'replayed valid',
      requests: posted(Buffer.from(valid.join('\n')), ndjson),
    },
    {
      name: 'broken datasets',
      requests: posted(brokenEvent('datasets', 260_000), json),
    },
    {
      name: 'broken facets',
      requests: posted(brokenEvent('facets', 650_000), json),
    },
  ];
}

/** The query routes at the largest answers their parameters allow. */
function queryLoad(job: { namespace: string; name: string }): Load {
  const node = encodeURIComponent(
    `openlineage:job:${job.namespace}/${job.name}`,
  );
  const paths = [
    `/lineage/graph?node=${node}&depth=10&maxNodes=5000&direction=both`,
    `/lineage/path?from=${node}&to=${node}&maxDepth=50`,
    `/lineage/columns?node=${node}&column=id&depth=10&maxEdges=10000`,
    '/lineage/catalog-gaps?limit=500',
    '/lineage/search?q=a&limit=100',
    '/health/oncall?filter=all&limit=500',
  ];
  return {
    name: 'lineage queries',
    requests: paths.map(route => ({
      method: 'GET',
      path: `/api/data-platform${route}`,
    })),
  };
}

async function runLoad(
  workerData: Record<string, unknown>,
): Promise<LoadResult> {
  const worker = new Worker(LOAD, { eval: true, workerData });
  const result: LoadResult & { error?: string } = await new Promise(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await worker.terminate();
  if (result.error !== undefined) throw new Error(result.error);
  return result;
}

/** A throwaway database for the backend: PostgreSQL or a SQLite file. */
async function backendDatabase(kind: 'PostgreSQL' | 'SQLite') {
  if (kind === 'SQLite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-load-'));
    return {
      config: {
        client: 'better-sqlite3',
        connection: { directory: dir },
      },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `dp_bench_load_${process.pid}`;
  const admin = new Client({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    config: {
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        database: name,
      },
      pluginDivisionMode: 'schema',
    },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The generator's burst, POSTed in batches of 1,000: the lineage the graph query reads. */
async function seedLineage(base: string, auth: string, preset: PresetName) {
  const platform = buildPlatform({ preset });
  let lines: string[] = [];
  let firstJob: { namespace: string; name: string } | undefined;
  const post = async () => {
    const response = await fetch(`${base}${ENDPOINT}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-ndjson', authorization: auth },
      body: lines.join('\n'),
    });
    if (!response.ok) {
      throw new Error(`seeding: ${response.status} ${await response.text()}`);
    }
    lines = [];
  };
  let events = 0;
  for (const event of generateOpenLineageEvents(platform, {
    end: Date.parse('2026-11-26T10:00:00Z'),
    mode: 'burst',
  })) {
    firstJob ??= (event as { job: { namespace: string; name: string } }).job;
    lines.push(JSON.stringify(event));
    events++;
    if (lines.length === 1000) await post();
  }
  if (lines.length > 0) await post();
  return { events, job: firstJob! };
}

const ms = (value: number) => value.toFixed(0);

/** The machine's load average over 1, 5 and 15 minutes: it is shared. */
const loadAverage = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(', ');

/**
 * Samples this process's resident memory (backend, worker and bodies
 * alike) every 100 ms until `stop()`, which answers the peak in bytes.
 */
function residentMemory() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

async function measure(
  kind: 'PostgreSQL' | 'SQLite',
  options: {
    attackers: number;
    seconds: number;
    interval: number;
    preset: PresetName;
    /** Only the loads whose name contains this. */
    load: string;
  },
) {
  const database = await backendDatabase(kind);
  const backend = await startTestBackend({
    features: [
      dataPlatformPlugin,
      catalogServiceMock.factory({ entities: [] }),
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: { backend: { database: database.config } },
      }),
      // The backend's errors, should there be any, in the bench's output.
      mockServices.rootLogger.factory({ level: 'error' }),
    ],
  });
  try {
    const base = `http://127.0.0.1:${backend.server.port()}`;
    const auth = mockCredentials.service.header();
    const seeded = await seedLineage(base, auth, options.preset);
    const node = `openlineage:job:${seeded.job.namespace}/${seeded.job.name}`;
    const graphPath = `/api/data-platform/lineage/graph?node=${encodeURIComponent(
      node,
    )}&depth=2`;
    console.log(
      `${kind}: lineage seeded with ${seeded.events} events; graph query ${graphPath}`,
    );

    const common = {
      base,
      auth,
      seconds: options.seconds,
      interval: options.interval,
      graphPath,
    };
    const rows: string[][] = [];
    let idle: { readiness: number; graph: number } | undefined;
    const scenarios: Load[] = [
      { name: 'no load', requests: [] },
      ...[...ingestionLoads(), queryLoad(seeded.job)].filter(load =>
        load.name.includes(options.load),
      ),
    ];
    // The first graph query builds this instance's lineage snapshot, and the
    // first requests of each kind compile their code: not what is measured.
    await runLoad({ ...common, seconds: 2, attackers: 0, requests: [] });
    for (const scenario of scenarios) {
      const attackers = scenario.requests.length ? options.attackers : 0;
      const rss = residentMemory();
      const result = await runLoad({
        ...common,
        requests: scenario.requests,
        attackers,
      });
      const peak = rss.stop();
      const readiness = percentiles(result.probes.readiness);
      const graph = percentiles(result.probes.graph);
      idle ??= { readiness: readiness.p99, graph: graph.p99 };
      const answers = Object.entries(result.statuses)
        .map(([status, count]) => `${count}x${status}`)
        .join(' ');
      const failures = Object.entries(result.probeFailures)
        .map(([what, count]) => `${count}x${what}`)
        .join(' ');
      const bodies = scenario.requests.filter(r => r.body);
      rows.push([
        scenario.name,
        bodies.length
          ? `${attackers} x ${(bodies[0].body!.length / MB).toFixed(1)} MB`
          : `${attackers} x GET`,
        answers || '-',
        `${ms(readiness.p50)} / ${ms(readiness.p95)} / ${ms(
          readiness.p99,
        )} / ${ms(readiness.max)}`,
        `${ms(graph.p50)} / ${ms(graph.p95)} / ${ms(graph.p99)} / ${ms(
          graph.max,
        )}`,
        `${(readiness.p99 / idle.readiness).toFixed(1)}x / ${(
          graph.p99 / idle.graph
        ).toFixed(1)}x`,
        `${(peak / MB).toFixed(0)} MB`,
        `${result.probes.readiness.length}${failures ? ` (${failures})` : ''}`,
      ]);
      console.log(`  ${scenario.name}: done`);
    }
    console.log();
    printTable(
      [
        kind,
        'load',
        'load answers',
        'readiness p50/p95/p99/max ms',
        'graph p50/p95/p99/max ms',
        'p99 vs no load',
        'RSS peak',
        'probes',
      ],
      rows,
      3,
    );
    console.log(
      `\n${kind}: load average ${loadAverage()} after the loads; process RSS peak ${(
        process.resourceUsage().maxRSS / 1024
      ).toFixed(0)} MB\n`,
    );
  } finally {
    await backend.stop();
    await database.drop();
  }
}

async function main() {
  const only = flag('only', '');
  const options = {
    attackers: Number(flag('attackers', '8')),
    seconds: Number(flag('seconds', '20')),
    interval: Number(flag('interval', '50')),
    preset: flag('preset', 'large') as PresetName,
    load: flag('load', ''),
  };
  console.log(
    `${options.attackers} callers, ${options.seconds} s a load, a probe every ${
      options.interval
    } ms; ${os.cpus().length} cores, Node ${
      process.version
    }; load average ${loadAverage()}`,
  );
  for (const kind of ['PostgreSQL', 'SQLite'] as const) {
    if (only && !kind.toLowerCase().startsWith(only)) continue;
    await measure(kind, options);
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
