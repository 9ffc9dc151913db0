/*
 * Benchmark 3 of the quality issue: OpenLineage ingestion of events that
 * carry quality facets against the same events without them, in the same
 * run, through the ingestor with the handlers the backend installs
 * (lineage, runs, quality), on PostgreSQL (a throwaway database on
 * 127.0.0.1:5432) or SQLite.
 *
 * The events are the generator's top-of-the-hour bursts of the preset
 * (every batch pipeline's START and COMPLETE/FAIL), with quality's catalog
 * copy of the preset's endpoints in place. "With facets": every input of
 * every COMPLETE event carries `dataQualityAssertions` (not_null and
 * unique, as dbt reports its tests) and `dataQualityMetrics` (row count and,
 * per column the endpoint's declared checks read, null and distinct counts,
 * min and max, as Great Expectations reports them), so quality judges
 * declared checks and stores results for each; "without": the same events
 * with no quality facet. Each hour is a new burst (new runs); the two
 * alternate, --rounds times each, after an untimed round of each. Then
 * the floor: the result rows of the last burst with facets inserted again
 * alone, as plain batched INSERTs, timed against the burst without.
 *
 *   yarn bench:quality --case ingestion [--preset spotify] [--batch 1000]
 *        [--rounds 3] [--only postgresql|sqlite]
 */
import {
  buildPlatform,
  generateOpenLineageEvents,
  PresetName,
} from '@dataplatform/data-platform-generator';
import { Knex } from 'knex';
import { RunRecorder } from '../src/services/Health/runs/RunRecorder';
import { DatabaseLineageStore } from '../src/services/LineageIndex/DatabaseLineageStore';
import { ObservedLineageHandler } from '../src/services/OpenLineage/ObservedLineageHandler';
import { OpenLineageIngestor } from '../src/services/OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from '../src/services/OpenLineage/OpenLineageValidator';
import { parseEventBatch } from '../src/services/OpenLineage/parseEventBatch';
import { QualityEventHandler } from '../src/services/Quality/QualityEventHandler';
import { flag, onEachBenchDatabase, printTable } from './benchSupport';
import { seedQualityCatalog } from './qualityCatalogSeed';

const BURST_END = Date.parse('2026-11-26T10:00:00Z');
const HOUR = 3_600_000;
const FACETS = 'https://openlineage.io/spec/facets';
const DBT =
  'https://github.com/OpenLineage/OpenLineage/tree/1.29.0/integration/dbt';
const QUALITY_FACETS = ['dataQualityAssertions', 'dataQualityMetrics'];

type Dataset = {
  namespace: string;
  name: string;
  facets?: Record<string, unknown>;
  inputFacets?: Record<string, unknown>;
};
type Event = { eventType?: string; inputs?: Dataset[] };

/** The columns each dataset's declared checks read, by OpenLineage name. */
type CheckedColumns = Map<string, string[]>;

function withoutQualityFacets(facets?: Record<string, unknown>) {
  if (!facets) return undefined;
  const kept = Object.entries(facets).filter(
    ([key]) => !QUALITY_FACETS.includes(key),
  );
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/** Both quality facets, as dbt and Great Expectations report them. */
function qualityFacetsOf(columns: string[], seq: number) {
  const rowCount = 10_000 + (seq % 5_000);
  const metricColumns = columns.length > 0 ? columns : ['id'];
  return {
    dataQualityAssertions: {
      _producer: DBT,
      _schemaURL: `${FACETS}/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet`,
      assertions: [
        {
          assertion: 'not_null',
          success: seq % 31 !== 0,
          column: metricColumns[0],
        },
        {
          assertion: 'unique',
          success: seq % 37 !== 0,
          column: metricColumns[0],
        },
      ],
    },
    dataQualityMetrics: {
      _producer: 'https://github.com/great-expectations/great_expectations',
      _schemaURL: `${FACETS}/1-0-3/DataQualityMetricsInputDatasetFacet.json#/$defs/DataQualityMetricsInputDatasetFacet`,
      rowCount,
      columnMetrics: Object.fromEntries(
        metricColumns.map(column => [
          column,
          {
            nullCount: seq % 23 === 0 ? 500 : 0,
            distinctCount: rowCount - (seq % 29 === 0 ? 3 : 0),
            min: 0,
            max: 1000,
          },
        ]),
      ),
    },
  };
}

function variant(
  event: Event,
  withFacets: boolean,
  columns: CheckedColumns,
  seq: number,
): Event {
  if (!event.inputs) return event;
  return {
    ...event,
    inputs: event.inputs.map(input => {
      const facets = withoutQualityFacets(input.facets);
      const inputFacets = withoutQualityFacets(input.inputFacets);
      const plain: Dataset = {
        namespace: input.namespace,
        name: input.name,
        ...(facets ? { facets } : {}),
        ...(inputFacets ? { inputFacets } : {}),
      };
      if (!withFacets || event.eventType !== 'COMPLETE') return plain;
      return {
        ...plain,
        inputFacets: {
          ...inputFacets,
          ...qualityFacetsOf(
            columns.get(`${input.namespace}\u0000${input.name}`) ?? [],
            seq,
          ),
        },
      };
    }),
  };
}

/** One hour's burst as NDJSON bodies, with quality facets or without. */
function burstBodies(
  platform: ReturnType<typeof buildPlatform>,
  hour: number,
  batch: number,
  withFacets: boolean,
  columns: CheckedColumns,
): { bodies: Buffer[]; events: number; bytes: number } {
  const bodies: Buffer[] = [];
  let lines: string[] = [];
  let events = 0;
  let bytes = 0;
  const flush = () => {
    const body = Buffer.from(lines.join('\n'));
    bytes += body.length;
    bodies.push(body);
    lines = [];
  };
  for (const event of generateOpenLineageEvents(platform, {
    end: BURST_END + hour * HOUR,
    mode: 'burst',
  })) {
    lines.push(
      JSON.stringify(variant(event as Event, withFacets, columns, events)),
    );
    events++;
    if (lines.length === batch) flush();
  }
  if (lines.length > 0) flush();
  return { bodies, events, bytes };
}

async function ingest(ingestor: OpenLineageIngestor, bodies: Buffer[]) {
  const start = performance.now();
  for (const body of bodies) {
    await ingestor.ingestBatch(await parseEventBatch(body, { ndjson: true }));
  }
  return performance.now() - start;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const batch = Number(flag('batch', '1000'));
  const rounds = Number(flag('rounds', '3'));
  const platform = buildPlatform({ preset });
  const validator = OpenLineageValidator.fromPackage();

  await onEachBenchDatabase(
    'quality_ingestion',
    flag('only', ''),
    async ({ name: label, db }: { name: string; db: Knex }) => {
      const catalog = await seedQualityCatalog(db, platform);
      const columns: CheckedColumns = new Map();
      for (const endpoint of await catalog.allEndpoints()) {
        if (!endpoint.openLineage) continue;
        const read = endpoint.checks.flatMap(c =>
          ['null_rate', 'uniqueness', 'range'].includes(c.type) && c.column
            ? [c.column]
            : [],
        );
        columns.set(
          `${endpoint.openLineage.namespace}\u0000${endpoint.openLineage.name}`,
          [...new Set(read)],
        );
      }
      const ingestor = new OpenLineageIngestor({
        db,
        validator,
        handlers: [
          new ObservedLineageHandler(new DatabaseLineageStore(db)),
          new RunRecorder(db),
          new QualityEventHandler(),
        ],
      });
      const results = async () =>
        Number((await db('quality_results').count({ n: '*' }))[0].n);

      // Untimed: the cold lineage index, and both paths once.
      let hour = 0;
      const burst = (withFacets: boolean) =>
        burstBodies(platform, hour++, batch, withFacets, columns);
      await ingest(ingestor, burst(true).bodies);
      await ingest(ingestor, burst(false).bodies);

      const times: Record<'with' | 'without', number[]> = {
        with: [],
        without: [],
      };
      let sizes = { with: 0, without: 0, events: 0 };
      let stored = 0;
      for (let round = 0; round < rounds; round++) {
        // Alternate which goes first, so neither always follows the other.
        const order = round % 2 ? [true, false] : [false, true];
        for (const withFacets of order) {
          const { bodies, events, bytes } = burst(withFacets);
          const before = withFacets ? await results() : 0;
          const ms = await ingest(ingestor, bodies);
          if (withFacets) stored = (await results()) - before;
          times[withFacets ? 'with' : 'without'].push(ms);
          sizes = {
            ...sizes,
            [withFacets ? 'with' : 'without']: bytes,
            events,
          };
        }
      }
      // The floor: the result rows one burst's facets make, inserted alone
      // (plain batched INSERTs in one transaction, nothing parsed or judged).
      const rows = await db('quality_results')
        .orderBy('evaluated_at', 'desc')
        .limit(stored);
      await db('quality_results')
        .whereIn(
          ['endpoint_ref', 'check_name', 'partition_start', 'source'],
          rows.map(r => [
            r.endpoint_ref,
            r.check_name,
            r.partition_start,
            r.source,
          ]),
        )
        .delete();
      const floorStart = performance.now();
      await db.transaction(async tx => {
        for (let i = 0; i < rows.length; i += 500) {
          await tx('quality_results').insert(rows.slice(i, i + 500));
        }
      });
      const floorMs = performance.now() - floorStart;
      const withMs = median(times.with);
      const withoutMs = median(times.without);
      const rate = (ms: number) =>
        `${Math.round((sizes.events / ms) * 1000).toLocaleString('en-US')}`;
      console.log(
        `${label}: ${sizes.events.toLocaleString(
          'en-US',
        )} events a burst in batches of ${batch}; ${stored.toLocaleString(
          'en-US',
        )} check results stored from one burst's facets`,
      );
      printTable(
        ['events', 'NDJSON', `median of ${rounds}`, 'events/s', 'each run'],
        [
          ['without quality facets', sizes.without, withoutMs, times.without],
          ['with quality facets', sizes.with, withMs, times.with],
        ].map(([name, bytes, ms, each]) => [
          name as string,
          `${((bytes as number) / 1e6).toFixed(1)} MB`,
          `${((ms as number) / 1000).toFixed(2)} s`,
          rate(ms as number),
          (each as number[]).map(t => (t / 1000).toFixed(2)).join(', '),
        ]),
        1,
      );
      console.log(
        `ratio (with / without): ${(withMs / withoutMs).toFixed(2)}x, ${(
          (withMs / withoutMs - 1) *
          100
        ).toFixed(0)}% slower; target <= 10% slower`,
      );
      console.log(
        `floor, inserting one burst's ${rows.length.toLocaleString(
          'en-US',
        )} result rows alone: ${(floorMs / 1000).toFixed(2)} s, ${(
          (floorMs / withoutMs) *
          100
        ).toFixed(0)}% of the burst without facets\n`,
      );
    },
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
