import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DataEndpointEntity,
  desiredResources,
  evaluateChecks,
  evaluateFromPartitionMetadata,
  QualityCheck,
  SCAN_CHECK_TYPES,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  QualityTable,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { Knex } from 'knex';
import { examplePlatform } from '../__testUtils__/examplePlatform';
import {
  provisionAll,
  TEST_KEY,
  warehouseIn,
} from '../__testUtils__/provision';
import { LocalWarehouseQualityRunner } from '../quality/LocalWarehouseQualityRunner';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { DemoRunOutputs } from './DemoRunOutputs';
import { RUN_OUTPUT_ROWS } from './runOutputRows';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const FEATURES = {
  project: 'tunewave-warehouse',
  dataset: 'personalization',
  table: 'user_track_features',
};
const TRENDING = {
  project: 'tunewave-warehouse',
  dataset: 'personalization',
  table: 'trending_tracks_hourly',
};

function endpoint(name: string): DataEndpointEntity {
  return examplePlatform().endpoints.find(e => e.metadata.name === name)!;
}

/** The example's derived tables (daily user-track features, hourly trending tracks) in a test database. */
async function provisioned(knex: Knex, names: string[]) {
  const { warehouse, provisioner } = await warehouseIn(knex);
  const resources = desiredResources({
    endpoints: names.map(endpoint),
    eventTypes: [],
    pipelines: [],
  }).resources.filter(r =>
    ['bigquery-dataset', 'bigquery-table'].includes(r.type),
  );
  return { warehouse, provisioner, resources };
}

let eventCount = 0;

/** A run event of the user-track features build as the ingestion hands it to handlers. */
function runEvent(
  eventType: 'COMPLETE' | 'FAIL' | 'RUNNING',
  options: {
    at: string;
    nominalStart?: string;
    output?: { namespace: string; name: string };
    /** The job's jobType facet says STREAMING, as Flink's integration sends it. */
    streaming?: boolean;
  },
): ValidatedEvent {
  eventCount++;
  return {
    kind: 'RunEvent',
    key: `event-${eventCount}`,
    eventTime: Date.parse(options.at),
    event: {
      eventType,
      eventTime: options.at,
      producer: 'https://example.com/scheduler',
      schemaURL:
        'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: {
        runId: `0d6a4a52-5a3c-4b8e-9f00-${String(eventCount).padStart(
          12,
          '0',
        )}`,
        facets: options.nominalStart
          ? {
              nominalTime: {
                _producer: 'https://example.com/scheduler',
                _schemaURL:
                  'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
                nominalStartTime: options.nominalStart,
              },
            }
          : {},
      },
      job: {
        namespace: 'airflow',
        name: 'user-track-features-build',
        ...(options.streaming
          ? {
              facets: {
                jobType: {
                  _producer: 'https://example.com/scheduler',
                  _schemaURL:
                    'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json',
                  processingType: 'STREAMING',
                  integration: 'FLINK',
                  jobType: 'JOB',
                },
              },
            }
          : {}),
      },
      inputs: [],
      outputs: [
        options.output ?? {
          namespace: 'bigquery',
          name: 'tunewave-warehouse.personalization.user_track_features',
        },
      ],
    },
  };
}

function handlerOf(warehouse: LocalWarehouse) {
  const logger = mockServices.logger.mock();
  const handler = new DemoRunOutputs({
    warehouse,
    pseudonymizationKey: TEST_KEY,
    logger,
  });
  const handle = async (events: ValidatedEvent[]) => {
    for (const e of events) {
      e.prepared = new Map([[handler.name, handler.prepare(e)]]);
    }
    await handler.handle(events);
  };
  return { handler, handle, logger };
}

const featuresTable = (): QualityTable => ({
  endpointRef: 'dataendpoint:default/user-track-features',
  address: FEATURES,
  fields: endpoint('user-track-features').spec.schema!.fields as SchemaField[],
  partitioning: { field: 'date', granularity: 'DAY' },
});

async function metadataOf(warehouse: LocalWarehouse, since: string) {
  const runner = new LocalWarehouseQualityRunner(warehouse);
  const table = featuresTable();
  const logger = mockServices.logger.mock();
  return (await runner.partitionMetadata([table], { since, logger })).get(
    table.endpointRef,
  )!;
}

describe('DemoRunOutputs', () => {
  it.each(databases.eachSupportedId())(
    "lands a COMPLETE run's output partition, which the quality runner then checks (%p)",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner, resources } = await provisioned(knex, [
        'user-track-features',
      ]);
      await provisionAll(provisioner, resources);
      const { handle, logger } = handlerOf(warehouse);

      // 2026-03-02 is a clean day (day 20514, 4 mod 10).
      await handle([
        runEvent('COMPLETE', {
          at: '2026-03-03T00:21:00Z',
          nominalStart: '2026-03-02T00:00:00Z',
        }),
      ]);

      expect(logger.warn).not.toHaveBeenCalled();
      expect(await metadataOf(warehouse, '2026-03-01T00:00:00Z')).toEqual([
        {
          partition: '2026-03-02T00:00:00.000Z',
          rows: RUN_OUTPUT_ROWS.DAY,
          lastModified: '2026-03-03T00:21:00.000Z',
        },
      ]);
      // The example's own affinity-in-range (custom SQL) among them.
      const declared = (endpoint('user-track-features').spec.quality ??
        []) as QualityCheck[];
      const checks: QualityCheck[] = [
        ...declared.filter(c => c.type === 'custom_sql'),
        { type: 'uniqueness', column: 'user_id' },
        { type: 'volume', minRows: 200 },
        { type: 'null_rate', column: 'date', maxNullRate: 0 },
      ];
      expect(checks).toHaveLength(4);
      const partition = {
        start: '2026-03-02T00:00:00.000Z',
        end: '2026-03-03T00:00:00.000Z',
      };
      const outcome = await new LocalWarehouseQualityRunner(
        warehouse,
      ).runPartition({
        table: featuresTable(),
        checks,
        partition,
        labels: {},
        logger,
      });
      expect(outcome.metrics.rowCount).toBe(RUN_OUTPUT_ROWS.DAY);
      expect(
        evaluateChecks(checks, outcome.metrics, {
          partition,
          evaluatedAt: '2026-03-03T01:00:00.000Z',
        }).map(r => r.status),
      ).toEqual(['pass', 'pass', 'pass', 'pass']);
      // The pipeline writes pseudonymized listeners, as the table's PII mark says.
      const [row] = await knex(warehouse.physicalTableName(FEATURES)).select(
        'user_id',
      );
      expect(row.user_id).not.toMatch(/^user-/);
    },
  );

  it.each(databases.eachSupportedId())(
    'lands nothing for a FAIL run, or for outputs outside the local warehouse (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner, resources } = await provisioned(knex, [
        'user-track-features',
      ]);
      await provisionAll(provisioner, resources);
      const { handle, logger } = handlerOf(warehouse);

      await handle([
        runEvent('FAIL', {
          at: '2026-03-03T00:21:00Z',
          nominalStart: '2026-03-02T00:00:00Z',
        }),
        runEvent('COMPLETE', {
          at: '2026-03-03T00:21:00Z',
          nominalStart: '2026-03-02T00:00:00Z',
          output: { namespace: 'gs://tunewave-ml', name: '/features/' },
        }),
      ]);

      expect(await metadataOf(warehouse, '2026-03-01T00:00:00Z')).toEqual([]);
      const [{ n }] = await knex(warehouse.physicalTableName(FEATURES)).count({
        n: '*',
      });
      expect(Number(n)).toBe(0);
      expect(logger.warn).not.toHaveBeenCalled();
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the partition on a replay, with the defect of its day (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner, resources } = await provisioned(knex, [
        'user-track-features',
      ]);
      await provisionAll(provisioner, resources);
      const { handle } = handlerOf(warehouse);
      const physical = warehouse.physicalTableName(FEATURES);
      const complete = (day: string, at: string) =>
        runEvent('COMPLETE', { at, nominalStart: `${day}T00:00:00Z` });

      // 2026-03-04 has duplicate keys (6 mod 10), 2026-03-07 is thin (9).
      await handle([
        complete('2026-03-04', '2026-03-05T00:30:00Z'),
        complete('2026-03-07', '2026-03-08T00:30:00Z'),
      ]);
      const first = await knex(physical).orderBy(['date', 'user_id']);
      await handle([complete('2026-03-04', '2026-03-05T00:30:00Z')]);

      expect(await knex(physical).orderBy(['date', 'user_id'])).toEqual(first);
      expect(
        (await metadataOf(warehouse, '2026-03-01T00:00:00Z')).map(p => [
          p.partition.slice(0, 10),
          p.rows,
        ]),
      ).toEqual([
        ['2026-03-04', RUN_OUTPUT_ROWS.DAY],
        ['2026-03-07', RUN_OUTPUT_ROWS.DAY / 10],
      ]);
      const duplicated = await knex(physical)
        .where('date', '2026-03-04')
        .groupBy('user_id')
        .havingRaw('count(*) > 1')
        .select('user_id');
      expect(duplicated).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'lands the hour before the completion without a nominal time, and waits for a table not provisioned yet (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner, resources } = await provisioned(knex, [
        'trending-tracks-hourly',
      ]);
      const { handler, handle } = handlerOf(warehouse);

      await handle([
        runEvent('COMPLETE', {
          at: '2026-03-01T10:07:00Z',
          output: {
            namespace: 'bigquery',
            name: 'tunewave-warehouse.personalization.trending_tracks_hourly',
          },
        }),
      ]);
      expect(await handler.landWaiting()).toBe(0);
      await provisionAll(provisioner, resources);
      // 2026-03-01 09:00 is hour 494001, 1 mod 10: clean.
      expect(await handler.landWaiting()).toBe(RUN_OUTPUT_ROWS.HOUR);
      expect(await handler.landWaiting()).toBe(0);

      const physical = warehouse.physicalTableName(TRENDING);
      const partitions = await warehouse.partitions(
        [physical],
        new Date('2026-03-01T00:00:00Z'),
      );
      expect(partitions.get(physical)).toEqual([
        {
          start: Date.parse('2026-03-01T09:00:00Z'),
          rows: RUN_OUTPUT_ROWS.HOUR,
          lastModified: Date.parse('2026-03-01T10:07:00Z'),
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "passes the example's declared checks on a clean partition: volume, parts at most their totals, shares summing to one (%p)",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const names = [
        'plays-daily-by-track',
        'revenue-daily',
        'ad-revenue-daily',
        'subscriber-cohorts',
        'royalty-usage',
      ];
      const { warehouse, provisioner, resources } = await provisioned(
        knex,
        names,
      );
      await provisionAll(provisioner, resources);
      const { handle, logger } = handlerOf(warehouse);
      const runner = new LocalWarehouseQualityRunner(warehouse);

      const outcomes: Record<string, string[]> = {};
      for (const name of names) {
        const spec = endpoint(name).spec;
        const address = spec.location as QualityTable['address'];
        const granularity = spec.partitioning!.granularity as 'DAY' | 'MONTH';
        // 2026-03-02 (day 20514) and March 2026 (month 24314): clean.
        const start =
          granularity === 'DAY'
            ? '2026-03-02T00:00:00Z'
            : '2026-03-01T00:00:00Z';
        await handle([
          runEvent('COMPLETE', {
            at: '2026-04-01T06:00:00Z',
            nominalStart: start,
            output: {
              namespace: 'bigquery',
              name: `${address.project}.${address.dataset}.${address.table}`,
            },
          }),
        ]);
        // Freshness and schema match read metadata the scan does not give.
        const checks = (spec.quality ?? []).filter(
          c => SCAN_CHECK_TYPES.includes(c.type) || c.type === 'volume',
        ) as QualityCheck[];
        const partition = {
          start: new Date(start).toISOString(),
          end:
            granularity === 'DAY'
              ? '2026-03-03T00:00:00.000Z'
              : '2026-04-01T00:00:00.000Z',
        };
        const outcome = await runner.runPartition({
          table: {
            endpointRef: `dataendpoint:default/${name}`,
            address,
            fields: spec.schema!.fields as SchemaField[],
            partitioning: spec.partitioning as QualityTable['partitioning'],
          },
          checks,
          partition,
          labels: {},
          logger,
        });
        outcomes[name] = evaluateChecks(checks, outcome.metrics, {
          partition,
          evaluatedAt: '2026-04-01T07:00:00.000Z',
        }).map(r => `${r.name}: ${r.status}`);
      }

      expect(outcomes).toEqual({
        'plays-daily-by-track': [
          'volume: pass',
          'listeners-at-most-streams: pass',
        ],
        'revenue-daily': ['net-not-above-gross: pass'],
        'ad-revenue-daily': ['clicks-at-most-impressions: pass'],
        'subscriber-cohorts': ['retained-never-above-started: pass'],
        'royalty-usage': ['volume: pass', 'shares-sum-to-one: pass'],
      });
    },
  );
  it.each(databases.eachSupportedId())(
    "writes a running stream's partitions up to each heartbeat, and the example's checks pass on them (%p)",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner, resources } = await provisioned(knex, [
        'ad-attributions',
      ]);
      await provisionAll(provisioner, resources);
      const { handle, logger } = handlerOf(warehouse);
      const spec = endpoint('ad-attributions').spec;
      const address = spec.location as QualityTable['address'];
      const output = {
        namespace: 'bigquery',
        name: `${address.project}.${address.dataset}.${address.table}`,
      };
      const table: QualityTable = {
        endpointRef: 'dataendpoint:default/ad-attributions',
        address,
        fields: spec.schema!.fields as SchemaField[],
        partitioning: spec.partitioning as QualityTable['partitioning'],
      };
      const runner = new LocalWarehouseQualityRunner(warehouse);
      const partitions = async () =>
        (
          await runner.partitionMetadata([table], {
            since: '2026-03-01T00:00:00Z',
            logger,
          })
        ).get(table.endpointRef)!;
      const heartbeat = (at: string, streaming = true) =>
        handle([runEvent('RUNNING', { at, output, streaming })]);

      // A batch job's RUNNING event writes nothing: only its COMPLETE does.
      await heartbeat('2026-03-01T10:10:00Z', false);
      expect(await partitions()).toEqual([]);

      // 2026-03-01 09:00 and 10:00 are hours 494001 and 494002: clean.
      await heartbeat('2026-03-01T10:10:00Z');
      const [, soFar] = await partitions();
      await heartbeat('2026-03-01T10:20:00Z');
      const [nine, ten] = await partitions();
      expect(nine).toEqual({
        partition: '2026-03-01T09:00:00.000Z',
        rows: RUN_OUTPUT_ROWS.HOUR,
        lastModified: '2026-03-01T10:00:00.000Z',
      });
      expect(ten).toEqual({
        partition: '2026-03-01T10:00:00.000Z',
        rows: expect.any(Number),
        lastModified: '2026-03-01T10:20:00.000Z',
      });
      expect(soFar.rows).toBeGreaterThan(0);
      expect(ten.rows).toBeGreaterThan(soFar.rows);
      expect(ten.rows).toBeLessThan(RUN_OUTPUT_ROWS.HOUR);

      // The next hour's first heartbeat completes 10:00, as a batch run would have written it.
      await heartbeat('2026-03-01T11:00:00Z');
      expect((await partitions())[1]).toEqual({
        partition: '2026-03-01T10:00:00.000Z',
        rows: RUN_OUTPUT_ROWS.HOUR,
        lastModified: '2026-03-01T11:00:00.000Z',
      });

      const checks = (spec.quality ?? []) as QualityCheck[];
      const partition = {
        start: '2026-03-01T09:00:00.000Z',
        end: '2026-03-01T10:00:00.000Z',
      };
      const scanned = checks.filter(c => SCAN_CHECK_TYPES.includes(c.type));
      const outcome = await runner.runPartition({
        table,
        checks: scanned,
        partition,
        labels: {},
        logger,
      });
      const context = { partition, evaluatedAt: '2026-03-01T11:05:00.000Z' };
      expect(
        [
          ...evaluateChecks(scanned, outcome.metrics, context),
          ...evaluateFromPartitionMetadata(checks, nine, context),
        ].map(r => `${r.name}: ${r.status}`),
      ).toEqual(['uniqueness:impression_id: pass', 'freshness: pass']);
      expect(logger.warn).not.toHaveBeenCalled();
    },
  );
});

describe('DemoRunOutputs on defective partitions', () => {
  it.each(databases.eachSupportedId())(
    "fails only the defect's own check: royalty shares still sum to one (%p)",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner, resources } = await provisioned(knex, [
        'royalty-usage',
      ]);
      await provisionAll(provisioner, resources);
      const { handle, logger } = handlerOf(warehouse);
      const runner = new LocalWarehouseQualityRunner(warehouse);
      const spec = endpoint('royalty-usage').spec;
      const address = spec.location as QualityTable['address'];
      const checks = (spec.quality ?? []).filter(
        c => SCAN_CHECK_TYPES.includes(c.type) || c.type === 'volume',
      ) as QualityCheck[];

      const outcomes: Record<string, string[]> = {};
      // Months 24313 (3 mod 10: null burst), 24316 (duplicates), 24319 (thin).
      for (const [month, end] of [
        ['2026-02', '2026-03'],
        ['2026-05', '2026-06'],
        ['2026-08', '2026-09'],
      ]) {
        const partition = {
          start: `${month}-01T00:00:00.000Z`,
          end: `${end}-01T00:00:00.000Z`,
        };
        await handle([
          runEvent('COMPLETE', {
            at: `${end}-01T06:00:00Z`,
            nominalStart: partition.start,
            output: {
              namespace: 'bigquery',
              name: `${address.project}.${address.dataset}.${address.table}`,
            },
          }),
        ]);
        const outcome = await runner.runPartition({
          table: {
            endpointRef: 'dataendpoint:default/royalty-usage',
            address,
            fields: spec.schema!.fields as SchemaField[],
            partitioning: spec.partitioning as QualityTable['partitioning'],
          },
          checks,
          partition,
          labels: {},
          logger,
        });
        outcomes[month] = evaluateChecks(checks, outcome.metrics, {
          partition,
          evaluatedAt: `${end}-01T07:00:00.000Z`,
        }).map(r => `${r.name}: ${r.status}`);
      }

      expect(outcomes).toEqual({
        '2026-02': ['volume: pass', 'shares-sum-to-one: pass'],
        '2026-05': ['volume: pass', 'shares-sum-to-one: pass'],
        '2026-08': ['volume: fail', 'shares-sum-to-one: pass'],
      });
    },
  );
});
