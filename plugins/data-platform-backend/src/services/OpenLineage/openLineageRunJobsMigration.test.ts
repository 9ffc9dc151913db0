import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const RUN_JOBS = '20261213_openlineage_run_jobs.js';
const RUN = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e';

const event = (key: string, jobName: string, receivedAt: number) => ({
  event_key: key.repeat(64),
  kind: 'RunEvent',
  event_type: 'START',
  event_time: receivedAt,
  run_id: RUN,
  job_namespace: 'airflow',
  job_name: jobName,
  payload: '{}',
  received_at: receivedAt,
});

describe.each(databases.eachSupportedId())(
  'migration %s of run ids to their jobs',
  databaseId => {
    it('gives stored run ids the job of their earliest event, and goes down leaving the events', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      await db.migrate.down({ directory, name: RUN_JOBS });
      expect(await db.schema.hasTable('openlineage_run_jobs')).toBe(false);

      // Stored before run ids had owners: one run id under two jobs.
      await db('openlineage_events').insert(event('a', 'plays-clean', 1000));
      await db('openlineage_events').insert(event('b', 'royalties', 2000));
      await db.migrate.latest({ directory });
      expect(await db('openlineage_run_jobs')).toEqual([
        {
          run_id: RUN,
          job_namespace: 'airflow',
          job_name: 'plays-clean',
          claimed_at: expect.anything(),
        },
      ]);

      await db.migrate.down({ directory, name: RUN_JOBS });
      expect(await db('openlineage_events').count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '2' : 2 },
      ]);
    });
  },
);
