import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { qualityWarehouseIn } from '../__testUtils__/qualityPlatform';
import { deleteExpiredPartitions } from '../retention/deleteExpiredPartitions';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const skip = (id: string, eventTime: string) => ({
  event_id: id,
  event_time: eventTime,
  user_id: 'listener-1',
  context: { device: { os: 'web' } },
});

describe('LocalWarehouseQualityRunner.partitionMetadata', () => {
  it.each(databases.eachSupportedId())(
    'answers rows and last write per partition from what deliveries recorded, without a scan (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = Date.parse('2026-03-01T13:05:00Z');
      const { warehouse, runner, deliveryId, table, physical } =
        await qualityWarehouseIn(knex, { now: () => now });
      await warehouse.deliver(deliveryId, [
        skip('a', '2026-03-01T11:59:59Z'),
        skip('b', '2026-03-01T12:00:00Z'),
        skip('c', '2026-03-01T12:59:59.999Z'),
      ]);
      now = Date.parse('2026-03-01T13:20:00Z');
      await warehouse.deliver(deliveryId, [
        skip('d', '2026-03-01T12:30:00Z'),
        skip('e', '2026-03-01T13:10:00Z'),
        { ...skip('refused', '2026-03-01T12:10:00Z'), user_id: undefined },
      ]);
      // Rows written past deliver() are not counted: the metadata is the
      // deliveries', as BigQuery's is its load and streaming jobs'.
      await knex(physical).where({ event_id: 'e' }).delete();

      const unpartitioned = {
        ...table,
        endpointRef: 'dataendpoint:default/unpartitioned',
        partitioning: undefined,
      };
      const elsewhere = {
        ...table,
        endpointRef: 'dataendpoint:default/elsewhere',
        address: { ...table.address, dataset: 'other' },
      };
      const metadata = await runner.partitionMetadata(
        [table, unpartitioned, elsewhere],
        { since: '2026-03-01T12:00:00Z', logger: mockServices.logger.mock() },
      );

      expect([...metadata.keys()]).toEqual([
        'dataendpoint:default/song-skipped-raw',
      ]);
      expect(metadata.get('dataendpoint:default/song-skipped-raw')).toEqual([
        {
          partition: '2026-03-01T12:00:00.000Z',
          rows: 3,
          lastModified: '2026-03-01T13:20:00.000Z',
        },
        {
          partition: '2026-03-01T13:00:00.000Z',
          rows: 1,
          lastModified: '2026-03-01T13:20:00.000Z',
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets expired partitions with their rows, and lists a held table with nothing landed as empty (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, runner, deliveryId, table } = await qualityWarehouseIn(
        knex,
      );
      const old = '2025-11-01T10:00:00Z';
      await warehouse.deliver(deliveryId, [
        skip('old', old),
        skip('new', '2026-02-28T10:00:00Z'),
      ]);
      const since = { since: old, logger: mockServices.logger.mock() };
      const before = await runner.partitionMetadata([table], since);
      expect(before.get(table.endpointRef)!.map(p => p.rows)).toEqual([1, 1]);

      await deleteExpiredPartitions(warehouse, {
        logger: mockServices.logger.mock(),
        now: new Date('2026-03-01T12:00:00Z'),
      });

      const after = await runner.partitionMetadata([table], since);
      expect(after.get(table.endpointRef)!.map(p => p.partition)).toEqual([
        '2026-02-28T10:00:00.000Z',
      ]);
      const later = await runner.partitionMetadata([table], {
        ...since,
        since: '2026-03-01T00:00:00Z',
      });
      expect(later.get(table.endpointRef)).toEqual([]);
    },
  );
});
