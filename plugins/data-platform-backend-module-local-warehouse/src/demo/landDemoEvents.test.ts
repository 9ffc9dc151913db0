import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  evaluateChecks,
  QualityCheck,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { qualityWarehouseIn } from '../__testUtils__/qualityPlatform';
import { landDemoEvents } from './landDemoEvents';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A seeded generator, so the test sees the same events every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const checks: QualityCheck[] = [
  { type: 'null_rate', column: 'ms_played', maxNullRate: 0.5 },
  { name: 'deduplicated', type: 'uniqueness', column: 'event_id' },
  { type: 'volume', minRows: 100 },
];

/** 2026-03-01's hours 01 (null burst), 02 (clean), 04 (duplicates), 07 (thin). */
const hours = ['01', '02', '04', '07'];

describe('landDemoEvents', () => {
  it.each(databases.eachSupportedId())(
    'lands an hour of demo events with the defect its partition is scheduled for (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, runner, table } = await qualityWarehouseIn(knex);
      const logger = mockServices.logger.mock();
      const random = seeded(42);
      for (const hour of hours) {
        // Every minute of the hour, 30 seconds in: a minute's events,
        // never before the hour (so the first batch too stays in it).
        for (let minute = 0; minute < 60; minute++) {
          const now = new Date(
            Date.parse(`2026-03-01T${hour}:00:30Z`) + minute * 60_000,
          );
          await landDemoEvents(warehouse, {
            logger,
            now,
            random,
            backfillHours: 0,
          });
        }
      }

      const metadata = await runner.partitionMetadata([table], {
        since: '2026-03-01T00:00:00Z',
        logger,
      });
      expect(
        metadata.get(table.endpointRef)!.map(p => [p.partition, p.rows]),
      ).toEqual([
        ['2026-03-01T01:00:00.000Z', 300],
        ['2026-03-01T02:00:00.000Z', 300],
        ['2026-03-01T04:00:00.000Z', 300],
        // Thin: the batches of minutes 0, 10, ... 50 only.
        ['2026-03-01T07:00:00.000Z', 30],
      ]);

      const statuses: Record<string, string[]> = {};
      for (const hour of hours) {
        const partition = {
          start: `2026-03-01T${hour}:00:00.000Z`,
          end: new Date(
            Date.parse(`2026-03-01T${hour}:00:00Z`) + 3_600_000,
          ).toISOString(),
        };
        const outcome = await runner.runPartition({
          table,
          checks,
          partition,
          labels: {},
          logger,
        });
        statuses[hour] = evaluateChecks(checks, outcome.metrics, {
          partition,
          evaluatedAt: '2026-03-01T09:00:00.000Z',
        }).map(r => `${r.name} ${r.status}`);
      }
      expect(statuses).toEqual({
        '01': ['null_rate:ms_played fail', 'deduplicated pass', 'volume pass'],
        '02': ['null_rate:ms_played pass', 'deduplicated pass', 'volume pass'],
        '04': ['null_rate:ms_played pass', 'deduplicated fail', 'volume pass'],
        '07': ['null_rate:ms_played pass', 'deduplicated pass', 'volume fail'],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'gives a table with nothing before the current hour the last hours at once, each arriving as it ended (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, runner, table } = await qualityWarehouseIn(knex);
      const logger = mockServices.logger.mock();
      const now = new Date('2026-03-01T12:20:00Z');
      const landed = await landDemoEvents(warehouse, {
        logger,
        now,
        random: seeded(7),
        backfillHours: 12,
      });

      const metadata = await runner.partitionMetadata([table], {
        since: '2026-02-28T00:00:00Z',
        logger,
      });
      const partitions = metadata.get(table.endpointRef)!;
      // 00:00 to 11:00 backfilled, 12:00 filling; 07:00 is thin (30 rows).
      expect(partitions.map(p => p.partition.slice(11, 13))).toEqual([
        '00',
        '01',
        '02',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
        '09',
        '10',
        '11',
        '12',
      ]);
      expect(partitions.map(p => p.rows)).toEqual([
        300, 300, 300, 300, 300, 300, 300, 30, 300, 300, 300, 300, 5,
      ]);
      expect(landed).toBe(partitions.reduce((sum, p) => sum + p.rows, 0));
      expect(partitions[0].lastModified).toBe('2026-03-01T00:59:59.999Z');

      // Once is enough: the next minute lands a minute's events only.
      const next = await landDemoEvents(warehouse, {
        logger,
        now: new Date('2026-03-01T12:21:00Z'),
        random: seeded(8),
        backfillHours: 12,
      });
      expect(next).toBe(5);
      expect(logger.warn).not.toHaveBeenCalled();
    },
  );
});
