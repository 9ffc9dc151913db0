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
      expect(await knex(METADATA_TABLES.deliveries).count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);

      await knex.migrate.rollback(migrations, true);
      for (const name of Object.values(METADATA_TABLES)) {
        expect(await knex.schema.hasTable(name)).toBe(false);
      }
      expect(await knex.schema.hasTable(table.physicalName)).toBe(true);

      await knex.migrate.latest(migrations);
      for (const name of Object.values(METADATA_TABLES)) {
        expect(await knex.schema.hasTable(name)).toBe(true);
      }
    },
  );
});
