/*
 * The route fuzzer, run long: --runs generated requests a database (half to
 * the OpenLineage ingestion, half to the lineage, health, provisioning,
 * quality and dead-letter routes), sent to the whole plugin on a throwaway
 * PostgreSQL database on 127.0.0.1:5432 and on a SQLite file. Prints the
 * answers by route and status, every 5xx (the first ten in full), the
 * process's peak resident memory and the machine's load average; exits 1
 * if there was a 5xx.
 * The same generators run a few hundred times in the test suite
 * (src/routes/routes.fuzz.test.ts).
 *
 *   yarn fuzz:backend [--runs 10000] [--seed 42] [--concurrency 4]
 *                     [--only postgresql|sqlite]
 */
import fc from 'fast-check';
import os from 'node:os';
import {
  FuzzRequest,
  ingestionRequest,
  queryRequest,
  withPrincipal,
} from '../src/__testUtils__/fuzz/fuzzRequests';
import {
  describeAnswer,
  FuzzAnswer,
  fetchFailure,
  startFuzzTarget,
} from '../src/__testUtils__/fuzz/fuzzTarget';
import { flag, onEachBenchDatabase, printTable } from './benchSupport';

/** Requests generated and held at a time: bodies run to megabytes. */
const CHUNK = 250;

type Answer = FuzzAnswer;

/** Sends `requests`, `concurrency` at a time; each with its answer. */
async function sendAll(
  send: (request: FuzzRequest) => Promise<Answer>,
  requests: FuzzRequest[],
  concurrency: number,
): Promise<[FuzzRequest, Answer][]> {
  const answered: [FuzzRequest, Answer][] = [];
  let next = 0;
  const sender = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      try {
        answered.push([request, await send(request)]);
      } catch (error) {
        // No answer at all, sent twice: as bad as a 5xx.
        answered.push([request, { status: 599, body: fetchFailure(error) }]);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return answered;
}

async function fuzz(
  send: (request: FuzzRequest) => Promise<Answer>,
  options: { runs: number; seed: number; concurrency: number },
) {
  const counts = new Map<string, Map<number, number>>();
  const failures: string[] = [];
  let failed = 0;
  let sent = 0;
  let ingestion = 0;
  const retried = new Map<string, number>();
  const started = Date.now();
  for (let chunk = 0; sent < options.runs; chunk++) {
    const size = Math.min(CHUNK, options.runs - sent);
    if (chunk % 2 === 0) ingestion += size;
    const arbitrary = withPrincipal(
      chunk % 2 === 0 ? ingestionRequest : queryRequest,
    );
    const requests = fc.sample(arbitrary, {
      numRuns: size,
      seed: options.seed + chunk,
    });
    for (const [request, answer] of await sendAll(
      send,
      requests,
      options.concurrency,
    )) {
      const byStatus = counts.get(request.route) ?? new Map();
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
      counts.set(request.route, byStatus);
      if (answer.retried) {
        retried.set(answer.retried, (retried.get(answer.retried) ?? 0) + 1);
      }
      if (answer.status >= 500) {
        failed++;
        if (failures.length < 10)
          failures.push(describeAnswer(request, answer));
      }
    }
    sent += size;
    process.stdout.write(
      `\r  ${sent}/${options.runs} requests, ${failed} 5xx   `,
    );
  }
  console.log(
    `\n  ${sent} requests (${ingestion} to the ingestion, ${
      sent - ingestion
    } to the other routes) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const [why, count] of retried) {
    console.log(
      `  ${count} sent again after no answer on a reused connection: ${why}`,
    );
  }
  return { counts, failures, failed, sent };
}

async function main() {
  const options = {
    runs: Number(flag('runs', '10000')),
    seed: Number(flag('seed', String(Date.now() % 1_000_000))),
    concurrency: Number(flag('concurrency', '4')),
  };
  const loadAverage = () =>
    os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(', ');
  console.log(
    `${options.runs} requests a database, seed ${options.seed}, ${
      options.concurrency
    } in flight; ${os.cpus().length} cores, Node ${
      process.version
    }; load average ${loadAverage()}`,
  );
  let total5xx = 0;
  await onEachBenchDatabase('fuzz', flag('only', ''), async ({ name, db }) => {
    const target = await startFuzzTarget(db);
    try {
      const result = await fuzz(request => target.send(request), options);
      total5xx += result.failed;
      const rows = [...result.counts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([route, byStatus]) => {
          const statuses = [...byStatus.entries()].sort(([a], [b]) => a - b);
          const fivexx = statuses
            .filter(([status]) => status >= 500)
            .reduce((sum, [, count]) => sum + count, 0);
          return [
            route,
            statuses.map(([status, count]) => `${count}x${status}`).join(' '),
            String(statuses.reduce((sum, [, count]) => sum + count, 0)),
            String(fivexx),
          ];
        });
      console.log();
      printTable([`${name}: route`, 'answers', 'requests', '5xx'], rows, 2);
      console.log(
        `\n${name}: ${result.sent} requests, ${result.failed} answered 5xx`,
      );
      for (const failure of result.failures) console.log(`  ${failure}`);
      console.log();
    } finally {
      await target.stop();
    }
  });
  console.log(
    `${total5xx} answered 5xx in all; process RSS peak ${(
      process.resourceUsage().maxRSS / 1024
    ).toFixed(0)} MB; load average ${loadAverage()}`,
  );
  process.exit(total5xx > 0 ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
