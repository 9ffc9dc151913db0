import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { DesiredResourceOf } from '@dataplatform/backstage-plugin-data-platform-common';
import { provisionAll, warehouseIn } from '../__testUtils__/provision';
import {
  songSkippedPlatform,
  warehouseResources,
} from '../__testUtils__/songSkippedPlatform';
import { deleteExpiredPartitions } from './deleteExpiredPartitions';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const now = new Date('2026-03-01T12:30:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

const event = (id: string, eventTime: string) => ({
  event_id: id,
  event_time: eventTime,
  user_id: 'listener-1',
  context: { device: { os: 'web' } },
});

describe('deleteExpiredPartitions', () => {
  it.each(databases.eachSupportedId())(
    'deletes the rows of partitions past the table’s expiration, and only those (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner } = await warehouseIn(knex);
      const platform = songSkippedPlatform();
      await provisionAll(provisioner, warehouseResources(platform));
      const delivery = warehouseResources(platform).find(
        r => r.type === 'delivery',
      ) as DesiredResourceOf<'delivery'>;
      const physical = warehouse.physicalTableName(delivery.spec.table);

      // 90 days: the partition of 2025-12-01 12:00 started 90 days and 30
      // minutes ago, so all of it has expired; 13:00's has not.
      await warehouse.deliver(delivery.id, [
        event('long-gone', ago(100 * DAY)),
        event('last-expired-hour', '2025-12-01T12:45:00Z'),
        event('first-kept-hour', '2025-12-01T13:10:00Z'),
        event('recent', ago(HOUR)),
      ]);
      const logger = mockServices.logger.mock();

      const expired = await deleteExpiredPartitions(warehouse, { logger, now });
      expect(expired).toEqual([
        {
          table: 'bigquery-table:tunewave-raw.events.song_skipped',
          deleted: 2,
        },
      ]);
      const kept = await knex(physical).orderBy('event_id').pluck('event_id');
      expect(kept).toEqual(['first-kept-hour', 'recent']);

      // Again, or on another instance: nothing more.
      expect(await deleteExpiredPartitions(warehouse, { logger, now })).toEqual(
        [
          {
            table: 'bigquery-table:tunewave-raw.events.song_skipped',
            deleted: 0,
          },
        ],
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'expires a table partitioned by arrival on _PARTITIONTIME, and leaves tables without expiration alone (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner } = await warehouseIn(knex);
      const platform = songSkippedPlatform();
      platform.raw.spec.partitioning = { granularity: 'DAY' };
      platform.raw.spec.retentionDays = 7;
      const kept = {
        ...platform.raw,
        metadata: { ...platform.raw.metadata, name: 'song-skipped-forever' },
        spec: {
          ...platform.raw.spec,
          location: { ...platform.raw.spec.location, table: 'forever' },
          retentionDays: undefined,
        },
      };
      platform.endpoints.push(kept);
      const resources = warehouseResources(platform);
      await provisionAll(provisioner, resources);
      const deliveries = resources.filter(
        r => r.type === 'delivery',
      ) as DesiredResourceOf<'delivery'>[];
      for (const delivery of deliveries) {
        await warehouse.deliver(delivery.id, [event('old', ago(0))], {
          arrival: new Date(now.getTime() - 9 * DAY),
        });
        await warehouse.deliver(delivery.id, [event('new', ago(0))], {
          arrival: new Date(now.getTime() - 6 * DAY),
        });
      }

      const expired = await deleteExpiredPartitions(warehouse, {
        logger: mockServices.logger.mock(),
        now,
      });
      expect(expired).toEqual([
        {
          table: 'bigquery-table:tunewave-raw.events.song_skipped',
          deleted: 1,
        },
      ]);
      for (const delivery of deliveries) {
        const physical = warehouse.physicalTableName(delivery.spec.table);
        const rows = await knex(physical).orderBy('event_id').pluck('event_id');
        expect(rows).toEqual(
          delivery.spec.table.table === 'forever' ? ['new', 'old'] : ['new'],
        );
      }
    },
  );
});
