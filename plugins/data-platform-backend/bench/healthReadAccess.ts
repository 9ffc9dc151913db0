/*
 * What the catalog's read decision costs the health routes: the on-call list
 * (50 and 500 rows a page) and one pipeline's health, over HTTP against one
 * real backend (catalog + data-platform plugin) on PostgreSQL, asked by a
 * service (allowed: one authorization, no catalog lookup) and by a user whose
 * catalog reads are conditional (every 10th pipeline is labelled
 * `restricted`), interleaved in the same run. The user's answers leave those
 * pipelines out; the figures say what asking the catalog about a page's refs
 * adds.
 *
 *   yarn bench:health:read-access [--preset spotify|large|medium|small] [--requests 200]
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { flag, percentiles, printTable, waitFor } from './benchSupport';
import { startLineageBench } from './lineageBenchBackend';

const requests = Number(flag('requests', '200'));
if (!process.argv.includes('--policy')) {
  process.argv.push('--policy', 'conditional');
}

async function main() {
  let nth = 0;
  const bench = await startLineageBench({
    syncIntervalS: 3600,
    background: 'quiet',
    restrict: e => e.kind === 'Pipeline' && nth++ % 10 === 0,
  });
  try {
    const pipelines = bench.entities
      .filter(e => e.kind === 'Pipeline')
      .map(e => stringifyEntityRef(e));
    const user = { authorization: mockCredentials.user.header() };
    const service = { authorization: mockCredentials.service.header() };
    const get = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${bench.base}/api/data-platform${path}`, {
        headers,
      });
      const body = await res.json();
      return { status: res.status, body };
    };
    await waitFor('pipeline health to know every pipeline', async () => {
      const { body } = await get('/health/oncall?filter=all&limit=1', service);
      process.stdout.write(
        `\r  health: ${body.total}/${pipelines.length} pipelines   `,
      );
      return body.total >= pipelines.length;
    });
    console.log('');

    const pick = <T>(list: T[]) =>
      list[Math.floor(Math.random() * list.length)];
    const page = (limit: number) => () =>
      `/health/oncall?filter=all&sort=name&limit=${limit}&offset=${Math.floor(
        Math.random() * Math.max(1, pipelines.length - limit),
      )}`;
    const readable = pipelines.filter((_, i) => i % 10 !== 0);
    const queries: Record<string, () => string> = {
      'on-call, all pipelines, 50 a page': page(50),
      'on-call, all pipelines, 500 a page': page(500),
      "a readable pipeline's health": () => {
        const [, namespace, name] = /:(.+)\/(.+)$/.exec(pick(readable))!;
        return `/health/pipelines/${namespace}/${name}`;
      },
    };

    const rows: string[][] = [];
    for (const [name, url] of Object.entries(queries)) {
      const as = { service: [] as number[], user: [] as number[] };
      let hidden = 0;
      for (let i = 0; i < requests + 10; i++) {
        const path = url();
        for (const who of ['service', 'user'] as const) {
          const started = performance.now();
          const res = await get(path, who === 'user' ? user : service);
          const took = performance.now() - started;
          if (res.status !== 200) {
            throw new Error(`${path} answered ${res.status} to the ${who}`);
          }
          if (i < 10) continue; // warm-up
          as[who].push(took);
          if (who === 'user') hidden += res.body.hidden ?? 0;
        }
      }
      const s = percentiles(as.service);
      const u = percentiles(as.user);
      rows.push([
        name,
        (hidden / requests).toFixed(1),
        s.p50.toFixed(1),
        u.p50.toFixed(1),
        s.p95.toFixed(1),
        u.p95.toFixed(1),
        `${(u.p50 / s.p50).toFixed(2)}x`,
      ]);
    }
    console.log('');
    console.log(
      `RESULT health reads under a conditional catalog decision (${bench.preset}, ${pipelines.length} pipelines, 1 in 10 restricted, ${requests} requests each, ms)`,
    );
    printTable(
      [
        'query',
        'hidden/answer',
        'service p50',
        'user p50',
        'service p95',
        'user p95',
        'user/service p50',
      ],
      rows,
      1,
    );
  } finally {
    await bench.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
