/*
 * Benchmark 1 of quality: all checks of one partition of 5 million rows on
 * PostgreSQL (a throwaway database on 127.0.0.1:5432, user postgres) as
 * the local warehouse's runner runs them, one scan (and the duplicate-keys
 * query of exact uniqueness), against one query per check: each check
 * compiled alone by the same compiler, as a framework that sends a query
 * per test does. Both run in the same read-only snapshot helper and must
 * measure the same metrics and judge the checks the same; the bench fails
 * otherwise. Runs alternate; the median of each is compared, and the
 * floor both share (exact uniqueness) is printed with the best ratio it
 * leaves.
 *
 *   yarn bench:quality --case scan [--rows 5000000] [--runs 3]
 */
import {
  compileDuplicateKeys,
  compilePartitionChecks,
  CompiledQualityQuery,
  emptyPartitionMetrics,
  evaluateChecks,
  PartitionMetrics,
  qualityCheckName,
  readScanRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { isDeepStrictEqual } from 'node:util';
import { LocalWarehouseQualityRunner } from '../src/quality/LocalWarehouseQualityRunner';
import { qualityTargetOf } from '../src/quality/qualityTarget';
import { runQualityQueries } from '../src/quality/runQualityQueries';
import { LocalWarehouse } from '../src/warehouse/LocalWarehouse';
import { CHECKS, fillPlaysPartition, PARTITION, TABLE } from './playsPartition';

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A fresh database for the warehouse; `drop()` removes it again. */
async function throwawayDatabase(): Promise<{
  knex: Knex;
  drop: () => Promise<void>;
}> {
  const database = `dp_bench_quality_${process.pid}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...PG, database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
  await admin.raw(`CREATE DATABASE ${database}`);
  const knex = knexFactory({
    client: 'pg',
    connection: { ...PG, database },
    pool: { min: 0, max: 2 },
  });
  return {
    knex,
    async drop() {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
      await admin.destroy();
    },
  };
}

type Measured = {
  metrics: PartitionMetrics;
  /** Each query's duration, in the order they ran. */
  queryMs: number[];
  ms: number;
};

/** The checks as the runner runs them: one scan, plus the duplicate-keys query. */
async function oneScan(runner: LocalWarehouseQualityRunner): Promise<Measured> {
  const started = performance.now();
  const outcome = await runner.runPartition({
    table: TABLE,
    checks: CHECKS,
    partition: PARTITION,
    labels: {},
    logger: mockServices.rootLogger({ level: 'error' }),
  });
  return {
    metrics: outcome.metrics,
    queryMs: outcome.queries.map(q => q.durationMs),
    ms: performance.now() - started,
  };
}

/** The baseline: every check compiled alone into its own query. */
async function queryPerCheck(
  warehouse: LocalWarehouse,
  queries: CompiledQualityQuery[],
): Promise<Measured> {
  const started = performance.now();
  const { rows, costs } = await runQualityQueries(warehouse, queries);
  const metrics = emptyPartitionMetrics();
  queries.forEach((query, i) => readScanRow(query, rows[i], metrics));
  return {
    metrics,
    queryMs: costs.map(c => c.durationMs),
    ms: performance.now() - started,
  };
}

/** A Markdown table, its columns as wide as their widest cell, figures aligned right. */
function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths
      .map((w, i) => '-'.repeat(w - (i ? 1 : 0)) + (i ? ':' : ''))
      .join(' | ')} |`,
  );
  rows.forEach(r => console.log(line(r)));
}

/** Both approaches' medians, their ratio, and what each query took. */
function report(runs: number, ours: Measured[], baseline: Measured[]) {
  const approaches = [
    {
      name: 'one scan (the runner)',
      measured: ours,
      queries: ['scan', 'duplicate keys'],
    },
    {
      name: 'one query per check',
      measured: baseline,
      queries: CHECKS.map(qualityCheckName),
    },
  ];
  const medianMs = (measured: Measured[]) => median(measured.map(m => m.ms));
  console.log();
  printTable(
    [
      'all checks of the partition',
      'queries',
      `median of ${runs}`,
      'each run (s)',
    ],
    approaches.map(({ name, measured }) => [
      name,
      String(measured[0].queryMs.length),
      seconds(medianMs(measured)),
      measured.map(m => (m.ms / 1000).toFixed(2)).join(', '),
    ]),
  );
  console.log(
    `\nratio (one query per check / one scan): ${(
      medianMs(baseline) / medianMs(ours)
    ).toFixed(1)}x\n`,
  );
  // Exact uniqueness (sorting and grouping every key) is the same work
  // either way: a floor no fusing removes.
  const uniqueness = CHECKS.flatMap((c, i) =>
    c.type === 'uniqueness' ? [i] : [],
  );
  const floor = median(ours.map(m => m.queryMs[1]));
  const theirUniqueness = median(
    baseline.map(m => uniqueness.reduce((sum, i) => sum + m.queryMs[i], 0)),
  );
  const theirRest = median(
    baseline.map(
      m =>
        m.queryMs.reduce((a, b) => a + b, 0) -
        uniqueness.reduce((sum, i) => sum + m.queryMs[i], 0),
    ),
  );
  const ourScan = median(ours.map(m => m.queryMs[0]));
  console.log(
    [
      `floor, exact uniqueness in both: duplicate keys ${seconds(
        floor,
      )} (one query per check: ${seconds(theirUniqueness)})`,
      `best ratio possible above that floor (one query per check / floor): ${(
        medianMs(baseline) / floor
      ).toFixed(1)}x`,
      `the other checks: one scan ${seconds(ourScan)}, one query each ${seconds(
        theirRest,
      )}: ${(theirRest / ourScan).toFixed(1)}x\n`,
    ].join('\n'),
  );
  printTable(
    ['query', 'median'],
    approaches.flatMap(({ name, measured, queries }) =>
      queries.map((query, i) => [
        `${name}: ${query}`,
        seconds(median(measured.map(m => m.queryMs[i]))),
      ]),
    ),
  );
}

async function main() {
  const rows = Number(flag('rows', '5000000'));
  const runs = Number(flag('runs', '3'));
  const { knex, drop } = await throwawayDatabase();
  try {
    const warehouse = await LocalWarehouse.create({ knex });
    let started = performance.now();
    const table = await fillPlaysPartition(warehouse, rows);
    console.log(
      `${rows.toLocaleString(
        'en-US',
      )} rows in the partition checked, ${Math.round(rows / 10).toLocaleString(
        'en-US',
      )} in each neighbour: made in ${seconds(performance.now() - started)}`,
    );

    const runner = new LocalWarehouseQualityRunner(warehouse);
    const columns = (await warehouse.columns([table.physicalName]))
      .get(table.physicalName)!
      .map(c => c.name);
    const target = qualityTargetOf(
      warehouse.dialect,
      table,
      TABLE.address,
      columns,
    );
    // Uniqueness alone is the duplicate-keys query (on PostgreSQL it counts
    // a single key's non-null and distinct values itself).
    const perCheck = CHECKS.map(
      check =>
        compileDuplicateKeys(target, [check], PARTITION, 'postgres') ??
        compilePartitionChecks(target, [check], PARTITION, 'postgres'),
    );

    // One untimed round reads the table into the cache for both.
    started = performance.now();
    const warm = await oneScan(runner);
    await queryPerCheck(warehouse, perCheck);
    console.log(`warm-up round: ${seconds(performance.now() - started)}`);

    const ours: Measured[] = [];
    const baseline: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(await oneScan(runner));
      baseline.push(await queryPerCheck(warehouse, perCheck));
    }
    for (const measured of [...ours, ...baseline]) {
      if (!isDeepStrictEqual(measured.metrics, warm.metrics)) {
        throw new Error(
          `The two measured different metrics:\n${JSON.stringify(
            warm.metrics,
          )}\n${JSON.stringify(measured.metrics)}`,
        );
      }
    }
    const context = {
      partition: PARTITION,
      evaluatedAt: '2026-11-26T10:30:00.000Z',
    };
    const results = evaluateChecks(CHECKS, warm.metrics, context);
    const same = isDeepStrictEqual(
      evaluateChecks(CHECKS, baseline[0].metrics, context),
      results,
    );
    if (!same) throw new Error('The two judged the checks differently');

    report(runs, ours, baseline);
    console.log(
      `the same metrics and results: ${results
        .map(r => `${r.name} ${r.status}`)
        .join(', ')}`,
    );
  } finally {
    await drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
