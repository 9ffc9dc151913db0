import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  evaluateChecks,
  evaluateFromPartitionMetadata,
  QualityCheck,
  qualityCheckSeverity,
  SCAN_CHECK_TYPES,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityTable } from '@dataplatform/backstage-plugin-data-platform-node';
import { examplePlatform } from '../__testUtils__/examplePlatform';
import { provisionAll, warehouseIn } from '../__testUtils__/provision';
import { warehouseResources } from '../__testUtils__/songSkippedPlatform';
import { LocalWarehouseQualityRunner } from '../quality/LocalWarehouseQualityRunner';
import { landDemoEvents } from './landDemoEvents';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const HOUR = 3_600_000;

describe("the example platform's checks on the demo's rows", () => {
  it.each(databases.eachSupportedId())(
    'pass on clean hours and fail on defective ones, a critical check among the failures (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner } = await warehouseIn(knex);
      const platform = examplePlatform();
      await provisionAll(provisioner, warehouseResources(platform));
      const logger = mockServices.logger.mock();
      const now = new Date('2026-03-01T12:20:00Z');
      await landDemoEvents(warehouse, { logger, now, backfillHours: 12 });

      const endpoint = platform.endpoints.find(
        e => e.metadata.name === 'track-played-raw',
      )!;
      const checks = endpoint.spec.quality as QualityCheck[];
      const eventType = platform.eventTypes.find(
        e => e.metadata.name === 'track-played',
      )!;
      const table: QualityTable = {
        endpointRef: 'dataendpoint:default/track-played-raw',
        address: endpoint.spec.location as QualityTable['address'],
        fields: eventType.spec.schema.fields as SchemaField[],
        partitioning: { field: 'event_time', granularity: 'HOUR' },
      };
      const runner = new LocalWarehouseQualityRunner(warehouse);
      const metadata = (
        await runner.partitionMetadata([table], {
          since: '2026-03-01T00:00:00Z',
          logger,
        })
      ).get(table.endpointRef)!;

      const failing: Record<string, string[]> = {};
      const critical = new Set<string>();
      for (let hour = 0; hour < 12; hour++) {
        const start = Date.parse('2026-03-01T00:00:00Z') + hour * HOUR;
        const partition = {
          start: new Date(start).toISOString(),
          end: new Date(start + HOUR).toISOString(),
        };
        const outcome = await runner.runPartition({
          table,
          checks: checks.filter(c => SCAN_CHECK_TYPES.includes(c.type)),
          partition,
          labels: {},
          logger,
        });
        const context = { partition, evaluatedAt: now.toISOString() };
        const meta = metadata.find(m => m.partition === partition.start)!;
        const results = [
          ...evaluateChecks(
            checks.filter(c => SCAN_CHECK_TYPES.includes(c.type)),
            outcome.metrics,
            context,
          ),
          ...evaluateFromPartitionMetadata(checks, meta, context),
        ];
        const failed = results.filter(r => r.status === 'fail');
        failing[partition.start.slice(11, 13)] = failed.map(r => r.name).sort();
        for (const r of failed) {
          if (r.severity === 'critical') critical.add(r.name);
        }
        expect(results.filter(r => r.status !== 'fail')).toEqual(
          results
            .filter(r => r.status !== 'fail')
            .map(r =>
              expect.objectContaining({ status: 'pass', name: r.name }),
            ),
        );
      }
      // 2026-03-01's hours 01 and 11 have the null burst, 04 duplicates, 07 is thin.
      expect(failing).toEqual({
        '00': [],
        '01': ['shuffle-recorded'],
        '02': [],
        '03': [],
        '04': ['deduplicated'],
        '05': [],
        '06': [],
        '07': ['hourly-volume'],
        '08': [],
        '09': [],
        '10': [],
        '11': ['shuffle-recorded'],
      });
      expect([...critical]).toEqual(['deduplicated']);
      expect(
        qualityCheckSeverity(checks.find(c => c.name === 'deduplicated')!),
      ).toBe('critical');
    },
  );
});
