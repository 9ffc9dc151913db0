import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { RunStore } from './RunStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261229_health_run_changes.js';

const run = (id: string, dirty: number) => ({
  run_id: id,
  job_namespace: 'airflow',
  job_name: 'plays-hourly-clean',
  state: 'COMPLETE',
  first_event_at: Date.parse('2026-11-26T10:05:00Z'),
  last_event_at: Date.parse('2026-11-26T10:15:00Z'),
  dirty,
});

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('moves dirty runs to the queue of changes and back down', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      while ((await db.migrate.currentVersion({ directory })) >= '20261229') {
        await db.migrate.down({ directory });
      }
      await db('health_runs').insert([run('r-dirty', 1), run('r-swept', 0)]);

      await db.migrate.up({ directory, name: MIGRATION });
      expect(await db.schema.hasColumn('health_runs', 'dirty')).toBe(false);
      const store = new RunStore(db);
      const queued = await store.dirty(10);
      expect(queued.map(r => [r.run_id, r.change])).toEqual([['r-dirty', 1]]);
      await store.markJobsDirty([
        { namespace: 'airflow', name: 'plays-hourly-clean' },
      ]);
      // A change while the sweep ran keeps the run queued.
      await store.markSwept(queued);
      expect(
        (await store.dirty(10)).map(r => [r.run_id, r.change]).sort(),
      ).toEqual([
        ['r-dirty', 2],
        ['r-swept', 1],
      ]);
      await store.markSwept(await store.dirty(10));
      await store.markJobsDirty([
        { namespace: 'airflow', name: 'plays-hourly-clean' },
      ]);
      await store.markSwept(
        (await store.dirty(10)).filter(r => r.run_id === 'r-swept'),
      );

      await db.migrate.down({ directory, name: MIGRATION });
      expect(await db.schema.hasTable('health_run_changes')).toBe(false);
      const rows = await db('health_runs').orderBy('run_id');
      expect(rows.map(r => [r.run_id, Number(r.dirty)])).toEqual([
        ['r-dirty', 1],
        ['r-swept', 0],
      ]);
    });
  },
);
