import { TestDatabases } from '@backstage/backend-test-utils';
import path from 'node:path';
import { provisionAll, warehouseIn } from '../__testUtils__/provision';
import {
  songSkippedPlatform,
  warehouseResources,
} from '../__testUtils__/songSkippedPlatform';
import { METADATA_TABLES } from './metadataRows';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const migrations = {
  directory: path.resolve(__dirname, '../../migrations'),
  tableName: 'warehouse_migrations',
};

describe('the warehouse metadata migrations', () => {
  it.each(databases.eachSupportedId())(
    'go up and down with metadata in them, leaving the warehouse tables alone (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner } = await warehouseIn(knex);
      const resources = warehouseResources(songSkippedPlatform());
      await provisionAll(provisioner, resources);
      const [table] = await warehouse.allTables();
      const [delivery] = await warehouse.allDeliveries();
      await warehouse.deliver(delivery.id, [
        {
          event_id: 'e1',
          event_time: '2026-03-01T12:00:00Z',
          user_id: 'listener-1',
          context: { device: { os: 'web' } },
        },
      ]);
      const one = databaseId === 'POSTGRES_15' ? '1' : 1;
      expect(await knex(METADATA_TABLES.deliveries).count({ n: '*' })).toEqual([
        { n: one },
      ]);
      expect(await knex(METADATA_TABLES.partitions).count({ n: '*' })).toEqual([
        { n: one },
      ]);

      await knex.migrate.rollback(migrations, true);
      for (const name of Object.values(METADATA_TABLES)) {
        expect(await knex.schema.hasTable(name)).toBe(false);
      }
      expect(await knex.schema.hasTable(table.physicalName)).toBe(true);
      expect(await knex(table.physicalName).count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);

      await knex.migrate.latest(migrations);
      for (const name of Object.values(METADATA_TABLES)) {
        expect(await knex.schema.hasTable(name)).toBe(true);
      }
    },
  );
});
