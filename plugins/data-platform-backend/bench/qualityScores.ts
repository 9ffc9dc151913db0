/*
 * Benchmark 2 of the quality issue: recompute every endpoint's score on the
 * spotify preset (70,000 endpoints), against the obvious loop that scores
 * one endpoint at a time (reading its own rows), measured in the same run on
 * PostgreSQL (a throwaway database on 127.0.0.1:5432) or SQLite.
 *
 * Setup, not measured: the platform's endpoints and event types as quality's
 * catalog copy holds them; --partitions recent hourly results of each
 * endpoint's declared checks (about one in twenty failing); the writers'
 * partitions in pipeline health (about one in ten late or landed late).
 * The loop is timed on --sample endpoints and its per-endpoint time
 * extrapolated to all of them (the whole loop would take minutes).
 *
 *   yarn bench:quality --case scores [--preset spotify|large|medium|small]
 *        [--partitions 6] [--sample 2000] [--only postgresql|sqlite]
 */
import {
  buildPlatform,
  PresetName,
} from '@dataplatform/data-platform-generator';
import {
  qualityCheckName,
  qualityCheckSeverity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { QualityScores } from '../src/services/Quality/QualityScores';
import { QualityCatalogStore } from '../src/services/Quality/store/QualityCatalogStore';
import { QualityResultStore } from '../src/services/Quality/store/QualityResultStore';
import { flag, onEachBenchDatabase, printTable } from './benchSupport';
import { seedQualityCatalog } from './qualityCatalogSeed';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-07T10:30:00Z');

async function insertAll(db: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.batchInsert(table, rows.slice(i, i + 1000) as any[], 1000);
  }
}

async function seed(db: Knex, preset: PresetName, partitions: number) {
  const catalog = await seedQualityCatalog(db, buildPlatform({ preset }));
  const endpoints = await catalog.allEndpoints();

  let n = 0;
  const results = [];
  for (const endpoint of endpoints) {
    for (const check of endpoint.checks) {
      for (let p = 1; p <= partitions; p++) {
        const start = Math.floor(NOW / HOUR) * HOUR - p * HOUR;
        const fail = n++ % 20 === 0;
        results.push({
          endpoint_ref: endpoint.entityRef,
          check_name: qualityCheckName(check),
          partition_start: start,
          source: 'bench',
          check_type: check.type,
          column_path: check.column ?? null,
          severity: qualityCheckSeverity(check),
          status: fail ? 'fail' : 'pass',
          metric: check.type,
          expected: null,
          actual: fail ? '0.2' : '0',
          message: fail ? `${check.type} failed` : `${check.type} passed`,
          run_id: null,
          evaluated_at: start + HOUR + 10 * 60_000,
        });
      }
    }
  }
  await insertAll(db, 'quality_results', results);

  const writers = [...new Set(endpoints.flatMap(e => e.writers))];
  const health = [];
  let m = 0;
  for (const pipeline of writers) {
    for (let p = 1; p <= partitions; p++) {
      const start = Math.floor(NOW / HOUR) * HOUR - (p + 1) * HOUR;
      const state = ['landed_on_time', 'landed_on_time', 'landed_late', 'late'][
        m++ % 10 === 0 ? 2 + (m % 2) : 0
      ];
      health.push({
        pipeline_ref: pipeline,
        partition_start: start,
        period_end: start + HOUR,
        deadline: start + 2 * HOUR,
        state,
        state_since: start + HOUR,
        attempts: 1,
        updated_at: NOW,
      });
    }
  }
  await insertAll(db, 'health_partitions', health);
  return {
    endpoints: endpoints.length,
    results: results.length,
    partitions: health.length,
  };
}

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const partitions = Number(flag('partitions', '6'));
  const sample = Number(flag('sample', '2000'));
  await onEachBenchDatabase(
    'quality_scores',
    flag('only', ''),
    async ({ name: label, db }) => {
      const setupStart = Date.now();
      const seeded = await seed(db, preset, partitions);
      console.log(
        `${label}: ${seeded.endpoints} endpoints, ${
          seeded.results
        } check results, ${seeded.partitions} health partitions (setup ${(
          (Date.now() - setupStart) /
          1000
        ).toFixed(0)} s)`,
      );
      const scores = new QualityScores({
        db,
        catalog: new QualityCatalogStore(db),
        results: new QualityResultStore(db),
        now: () => NOW,
      });

      // Warm up caches and the query plans, as a running backend has them.
      await scores.recompute();
      const full: number[] = [];
      const reads: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        const computed = await scores.recompute();
        full.push(performance.now() - start);
        reads.push(scores.lastSteps.read);
        console.log(
          `  full recompute ${i + 1}: ${Object.entries(scores.lastSteps)
            .map(([step, ms]) => `${step} ${ms.toFixed(0)} ms`)
            .join(', ')}; ${scores.lastWritten} scores written`,
        );
        if (computed.size !== seeded.endpoints) {
          throw new Error(
            `scored ${computed.size} of ${seeded.endpoints} endpoints`,
          );
        }
      }

      const refs = (await new QualityCatalogStore(db).allEndpoints())
        .map(e => e.entityRef)
        .slice(0, sample);
      const loopStart = performance.now();
      for (const ref of refs) await scores.recompute([ref]);
      const perEndpoint = (performance.now() - loopStart) / refs.length;
      const loop = perEndpoint * seeded.endpoints;
      const best = Math.min(...full);
      printTable(
        ['approach', 'endpoints', 'time', 'ratio'],
        [
          [
            'full recompute (ours), best of 3',
            String(seeded.endpoints),
            `${best.toFixed(0)} ms`,
            '1.0x',
          ],
          [
            `one endpoint at a time (${refs.length} timed, extrapolated)`,
            String(seeded.endpoints),
            `${loop.toFixed(0)} ms`,
            `${(loop / best).toFixed(1)}x slower`,
          ],
        ],
      );
      console.log(
        `full recompute runs: ${full
          .map(t => `${t.toFixed(0)} ms`)
          .join(', ')}; target <= 2000 ms and >= 20x the loop`,
      );
      // The database's part: reading the inputs, which no scoring code
      // shortens (the endpoints, the results' aggregates, timeliness and
      // the stored digests, read at once).
      console.log(
        `floor, reading the inputs: ${Math.min(...reads).toFixed(
          0,
        )} ms (best of 3); scoring and storing in the best run: ${(
          best - reads[full.indexOf(best)]
        ).toFixed(0)} ms`,
      );
    },
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
