/*
 * Benchmark 1 of issue 3: lineage neighbourhood queries on a generated
 * platform, through our lineage API vs the catalog-graph approach (one
 * getEntitiesByRefs per BFS level through the catalog, whole entities as
 * catalog-graph loads them), both over HTTP
 * against one real backend (catalog + data-platform plugin) on PostgreSQL.
 *
 *   yarn bench:lineage [--preset spotify|large|medium|small] [--queries 200]
 *                      [--depth 3] [--max-nodes 500] [--sqlite]
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  buildPlatform,
  generatePlatformEntities,
  lineageStats,
  PresetName,
} from '@dataplatform/data-platform-generator';
import { Client } from 'pg';
import { dataPlatformPlugin } from '../src/plugin';
import { benchCatalogModule, waitFor } from './benchBackend';
import { flag } from './benchSupport';
import { catalogGraphNeighbourhood } from './catalogGraphWalk';

const SYNC_INTERVAL_S = 15;

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function summary(label: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    label,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  };
}

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const queries = Number(flag('queries', '200'));
  const depth = Number(flag('depth', '3'));
  const maxNodes = Number(flag('max-nodes', '500'));
  const useSqlite = process.argv.includes('--sqlite');

  const platform = buildPlatform({ preset, seed: 7 });
  const stats = lineageStats(platform);
  const entities: Entity[] = [...generatePlatformEntities(platform)];
  console.log(
    `platform ${preset}: ${entities.length} entities, lineage ${stats.nodes} nodes / ${stats.edges} edges`,
  );

  const dbName = `dp_bench_lineage_${process.pid}`;
  const admin = new Client({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  if (!useSqlite) {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  }
  const database = useSqlite
    ? { client: 'better-sqlite3', connection: ':memory:' }
    : {
        client: 'pg',
        connection: {
          host: '127.0.0.1',
          port: 5432,
          user: 'postgres',
          database: dbName,
        },
        pluginDivisionMode: 'schema',
      };

  const started = Date.now();
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      import(
        '@dataplatform/backstage-plugin-catalog-backend-module-data-platform'
      ),
      benchCatalogModule(entities),
      dataPlatformPlugin,
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { database },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Domain',
                  'Group',
                  'User',
                  'EventType',
                  'Pipeline',
                  'DataEndpoint',
                ],
              },
            ],
            // Processed once: a catalog re-processing 112k entities would
            // share the event loop with the queries of both sides.
            processingInterval: { hours: 24 },
          },
          dataPlatform: {
            lineage: { catalogSyncInterval: { seconds: SYNC_INTERVAL_S } },
          },
        },
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}`;
  const authHeader = { authorization: mockCredentials.service.header() };

  const byRefs = async (refs: string[]) => {
    const res = await fetch(`${base}/api/catalog/entities/by-refs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader },
      // Whole entities, as catalog-graph's entity store asks for them.
      body: JSON.stringify({ entityRefs: refs }),
    });
    if (!res.ok) throw new Error(`by-refs ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { items: (Entity | null)[] }).items;
  };

  // Ready when every pipeline is stitched with its writesTo relations.
  const pipelineTotal = platform.pipelines.length;
  await waitFor('catalog to process every entity', async () => {
    const res = await fetch(
      `${base}/api/catalog/entities/by-query?limit=1&filter=kind=pipeline,relations.writesTo`,
      { headers: authHeader },
    );
    const body = (await res.json()) as { totalItems: number };
    process.stdout.write(
      `\r  catalog: ${body.totalItems}/${pipelineTotal} pipelines stitched   `,
    );
    return body.totalItems >= pipelineTotal;
  });
  console.log(
    `\ncatalog ready in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );

  const lineageRefs = entities
    .filter(e => ['Pipeline', 'DataEndpoint', 'EventType'].includes(e.kind))
    .map(e => stringifyEntityRef(e));
  // Start nodes: random lineage nodes plus the hubs (most-read datasets).
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const hubs = stats.hubReaders
    .slice(0, 5)
    .map(h => `dataendpoint:default/${h.name}`);
  const starts = [
    ...hubs,
    ...Array.from(
      { length: queries - hubs.length },
      () => lineageRefs[Math.floor(random() * lineageRefs.length)],
    ),
  ];

  // Ready when the index answers for every start node; then one more sync
  // interval, so that the sync's last updates (and the snapshot rebuilds
  // they cause) land before the queries, not among them.
  const missing = new Set(starts);
  await waitFor('lineage index to sync with the catalog', async () => {
    for (const ref of [...missing]) {
      const res = await fetch(
        `${base}/api/data-platform/lineage/graph?node=${encodeURIComponent(
          ref,
        )}&depth=1`,
        { headers: authHeader },
      );
      await res.arrayBuffer();
      if (res.status !== 200) return false;
      missing.delete(ref);
    }
    return true;
  });
  console.log(
    `lineage index synced in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  await new Promise(resolve => setTimeout(resolve, SYNC_INTERVAL_S * 1000));

  const ours: number[] = [];
  const theirs: number[] = [];
  let ourNodes = 0;
  let theirNodes = 0;
  for (const start of starts) {
    let t = performance.now();
    const res = await fetch(
      `${base}/api/data-platform/lineage/graph?node=${encodeURIComponent(
        start,
      )}&direction=both&depth=${depth}&maxNodes=${maxNodes}`,
      { headers: authHeader },
    );
    if (!res.ok) {
      throw new Error(
        `lineage graph of ${start}: ${res.status} ${await res.text()}`,
      );
    }
    const graph = (await res.json()) as { nodes: unknown[] };
    ours.push(performance.now() - t);
    ourNodes += graph.nodes.length;

    t = performance.now();
    const nodes = await catalogGraphNeighbourhood(
      byRefs,
      start,
      depth,
      maxNodes,
    );
    theirs.push(performance.now() - t);
    theirNodes += nodes;
  }

  const a = summary('data-platform lineage API', ours);
  const b = summary(
    'catalog-graph approach (getEntitiesByRefs per level)',
    theirs,
  );
  console.log(
    `\n${starts.length} neighbourhood queries, depth ${depth} up+down, cap ${maxNodes} nodes, ${hubs.length} hubs included`,
  );
  console.log(
    `mean nodes per answer: ours ${(ourNodes / starts.length).toFixed(
      0,
    )}, catalog-graph ${(theirNodes / starts.length).toFixed(0)}`,
  );
  for (const s of [a, b]) {
    console.log(
      `${s.label.padEnd(55)} p50 ${s.p50
        .toFixed(1)
        .padStart(8)} ms   p95 ${s.p95.toFixed(1).padStart(8)} ms   max ${s.max
        .toFixed(1)
        .padStart(8)} ms`,
    );
  }
  console.log(
    `ratio (catalog-graph / ours): p50 ${(b.p50 / a.p50).toFixed(1)}x, p95 ${(
      b.p95 / a.p95
    ).toFixed(1)}x`,
  );
  console.log(
    `target: p95 <= 50 ms and >= 20x faster: ${
      a.p95 <= 50 && b.p95 / a.p95 >= 20 ? 'met' : 'NOT met'
    }`,
  );

  await backend.stop();
  if (!useSqlite) {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
