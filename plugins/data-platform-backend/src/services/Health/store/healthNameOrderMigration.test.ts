import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { healthPipelineRow } from '../__testUtils__/healthPipelineRow';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const BEFORE = [
  '20261126_lineage.js',
  '20261127_openlineage_events.js',
  '20261128_pipeline_health.js',
  '20261129_lineage_version.js',
];
const MIGRATION = '20261130_health_pipelines_name_order.js';

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('orders pipelines by title and ref through one index, keeps the rows, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      for (const name of BEFORE) await db.migrate.up({ directory, name });
      await db('health_pipelines').insert([
        healthPipelineRow('plays-daily', 'Plays'),
        healthPipelineRow('plays-hourly', 'Plays'),
        healthPipelineRow('charts', 'Charts'),
      ]);
      const byName = () =>
        db('health_pipelines')
          .orderBy('title')
          .orderBy('entity_ref')
          .pluck('entity_ref');
      const indexes = async (): Promise<string[]> =>
        db.client.config.client === 'pg'
          ? db('pg_indexes')
              .where('tablename', 'health_pipelines')
              .pluck('indexname')
          : (await db.raw(`PRAGMA index_list('health_pipelines')`)).map(
              (row: { name: string }) => row.name,
            );
      const expected = [
        'pipeline:default/charts',
        'pipeline:default/plays-daily',
        'pipeline:default/plays-hourly',
      ];

      await db.migrate.up({ directory, name: MIGRATION });
      expect(await byName()).toEqual(expected);
      expect(await indexes()).toEqual(
        expect.arrayContaining(['health_pipelines_name_order_idx']),
      );
      expect(await indexes()).not.toContain('health_pipelines_title_idx');

      await db.migrate.down({ directory, name: MIGRATION });
      expect(await byName()).toEqual(expected);
      expect(await indexes()).toContain('health_pipelines_title_idx');
      expect(await indexes()).not.toContain('health_pipelines_name_order_idx');
      await db.migrate.down({ directory, name: '20261129_lineage_version.js' });
      await db.migrate.down({ directory, name: '20261128_pipeline_health.js' });
      expect(await db.schema.hasTable('health_pipelines')).toBe(false);
    });
  },
);
