import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { healthPipelineRow } from '../__testUtils__/healthPipelineRow';
import { PipelineStore } from './PipelineStore';
import { SweepStateStore } from './SweepStateStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261228_health_sweep_state.js';

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('keeps the sweep watermarks, bumped by catalog writes, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      while ((await db.migrate.currentVersion({ directory })) >= '20261228') {
        await db.migrate.down({ directory });
      }
      await db('health_pipelines').insert(healthPipelineRow('cohorts', 'C'));

      await db.migrate.up({ directory, name: MIGRATION });
      const state = new SweepStateStore(db);
      const before = await state.read();
      expect(before.lastSweepId).toBeUndefined();
      await state.started('0193a3c6-0000-7000-8000-000000000001');
      await new PipelineStore(db).remove(['pipeline:default/cohorts']);
      const after = await state.read();
      expect(after.lastSweepId).toBe('0193a3c6-0000-7000-8000-000000000001');
      expect(after.pipelinesVersion).not.toBe(before.pipelinesVersion);

      await db.migrate.down({ directory, name: MIGRATION });
      expect(await db.schema.hasTable('health_sweep_state')).toBe(false);
      expect(await db.schema.hasTable('health_pipelines')).toBe(true);
    });
  },
);
