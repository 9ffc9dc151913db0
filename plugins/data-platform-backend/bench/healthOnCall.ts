/*
 * Benchmark 2 of issue 4: the on-call list API (GET /health/oncall: filter,
 * sort, paginate) over HTTP, p50/p95/p99, on the generator's platform after
 * a sweep has judged it, on PostgreSQL (a throwaway database on
 * 127.0.0.1:5432). Baseline in the same run: the same answers computed by
 * loading every pipeline's status and filtering/sorting/paging in memory.
 *
 *   yarn bench:health:oncall [--preset spotify|large|medium|small] [--hours 6] [--requests 300]
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { PresetName } from '@dataplatform/data-platform-generator';
import express from 'express';
import { AddressInfo } from 'node:net';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createRouter } from '../src/routes/createRouter';
import { healthRoutes } from '../src/routes/healthRoutes';
import { CatalogReadAccess } from '../src/services/CatalogReadAccess';
import { AlertActions } from '../src/services/Health/alerts/AlertActions';
import { EndpointFreshnessQuery } from '../src/services/Health/queries/EndpointFreshnessQuery';
import { OnCallQuery } from '../src/services/Health/queries/OnCallQuery';
import { PipelineHealthQuery } from '../src/services/Health/queries/PipelineHealthQuery';
import { AlertStore } from '../src/services/Health/store/AlertStore';
import { PipelineStore } from '../src/services/Health/store/PipelineStore';
import { HealthSweep } from '../src/services/Health/sweep/HealthSweep';
import { QualityCatalogStore } from '../src/services/Quality/store/QualityCatalogStore';
import {
  benchDatabase,
  benchSettings,
  flag,
  log,
  MINUTE,
  ms,
  recordHistory,
  registerPlatform,
} from './healthBenchPlatform';
import { percentiles } from './benchSupport';

const preset = flag('preset', 'spotify') as PresetName;
const hours = Number(flag('hours', '6'));
const requests = Number(flag('requests', '300'));
const END = Date.parse('2026-11-26T10:00:00Z');
const NOW = END + 25 * MINUTE;

async function main() {
  const { db, drop } = await benchDatabase('health_oncall');
  try {
    log(`registering the ${preset} platform and ${hours} hours of runs...`);
    const { platform, pipelines } = await registerPlatform(db, preset, NOW);
    await recordHistory(db, platform, { end: END, hours, until: NOW });
    const sweep = new HealthSweep(db, benchSettings(), { async send() {} });
    for (let i = 0; ; i++) {
      const result = await sweep.run(NOW + i * 1000);
      if (result.skipped || !result.runsPending) break;
    }
    const problems = await db('health_pipelines')
      .where('status_problem', 1)
      .count({ n: '*' });
    log(`${pipelines.length} pipelines judged, ${problems[0].n} with problems`);

    // Everyone reads the whole catalog (an allow-all policy): one
    // authorization per request, no catalog lookups.
    const reads = new CatalogReadAccess({
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock(),
    });
    const app = express();
    app.use(
      createRouter([
        healthRoutes({
          httpAuth: mockServices.httpAuth(),
          onCall: new OnCallQuery(db),
          pipelineHealth: new PipelineHealthQuery(db, benchSettings()),
          endpointFreshness: new EndpointFreshnessQuery(db),
          actions: new AlertActions({
            alerts: new AlertStore(db),
            pipelines: new PipelineStore(db),
            endpoints: new QualityCatalogStore(db),
            permissions: mockServices.permissions(),
            userInfo: mockServices.userInfo(),
            reads,
          }),
          reads,
          now: () => NOW,
        }),
      ]),
    );
    const server = app.listen(0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const owners = [...new Set(pipelines.map(p => p.owner!))];
    const pick = <T>(list: T[]) =>
      list[Math.floor(Math.random() * list.length)];
    const queries: Record<string, () => string> = {
      'problems, by severity (the default page)': () => '/health/oncall',
      "my teams' problems (3 teams)": () =>
        `/health/oncall?owners=${[
          pick(owners),
          pick(owners),
          pick(owners),
        ].join(',')}`,
      'all pipelines by name, random page': () =>
        `/health/oncall?filter=all&sort=name&offset=${Math.floor(
          Math.random() * (pipelines.length - 50),
        )}&limit=50`,
      'problems by age, 200 a page': () => '/health/oncall?sort=age&limit=200',
    };

    const results: string[] = [];
    const all: number[] = [];
    for (const [name, url] of Object.entries(queries)) {
      for (let i = 0; i < 10; i++) await fetch(base + url()); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const started = performance.now();
        const res = await fetch(base + url());
        await res.json();
        if (res.status !== 200)
          throw new Error(`${url()} answered ${res.status}`);
        samples.push(performance.now() - started);
      }
      all.push(...samples);
      const p = percentiles(samples);
      results.push(
        `  ${name.padEnd(44)} p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(
          p.p99,
        )}`,
      );
    }

    // Baseline: every status loaded, then filtered, sorted and paged in memory.
    const store = new PipelineStore(db);
    const baseline: number[] = [];
    for (let i = 0; i < Math.min(requests, 30); i++) {
      const started = performance.now();
      const rows = (await store.all()).filter(p => p.status.problem);
      rows.sort(
        (a, b) =>
          b.status.severity - a.status.severity ||
          (a.status.since ?? 0) - (b.status.since ?? 0),
      );
      rows.slice(0, 50);
      baseline.push(performance.now() - started);
    }
    server.close();

    const overall = percentiles(all);
    const base95 = percentiles(baseline).p95;
    console.log('');
    console.log(
      `RESULT on-call list API (${preset}, ${pipelines.length} pipelines, PostgreSQL, ${requests} requests per query over HTTP)`,
    );
    results.forEach(r => console.log(r));
    console.log(
      `  all queries                                  p95 ${ms(
        overall.p95,
      )}   target <= 100 ms: ${overall.p95 <= 100 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  baseline (load all, sort in memory)          p95 ${ms(
        base95,
      )}   ratio ${(base95 / overall.p95).toFixed(1)}x`,
    );
  } finally {
    await drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
