import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { healthPipelineRow } from '../__testUtils__/healthPipelineRow';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261216_health_current_failure.js';

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('adds the current failure to pipeline statuses, keeps the rows, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      // Down to just before it, with a pipeline in the table.
      while ((await db.migrate.currentVersion({ directory })) >= '20261216') {
        await db.migrate.down({ directory });
      }
      await db('health_pipelines').insert(healthPipelineRow('cohorts', 'C'));

      await db.migrate.up({ directory, name: MIGRATION });
      await db('health_pipelines')
        .where('entity_ref', 'pipeline:default/cohorts')
        .update({
          status_failure_reason: 'column plan_tier does not exist',
          status_last_partition: Date.parse('2026-12-05T23:00:00Z'),
        });
      const row = await db('health_pipelines').first();
      expect(row.status_failure_reason).toBe('column plan_tier does not exist');
      expect(Number(row.status_last_partition)).toBe(
        Date.parse('2026-12-05T23:00:00Z'),
      );

      await db.migrate.down({ directory, name: MIGRATION });
      expect(
        await db.schema.hasColumn('health_pipelines', 'status_failure_reason'),
      ).toBe(false);
      expect(
        await db.schema.hasColumn('health_pipelines', 'status_last_partition'),
      ).toBe(false);
      expect(await db('health_pipelines').pluck('entity_ref')).toEqual([
        'pipeline:default/cohorts',
      ]);
    });
  },
);
