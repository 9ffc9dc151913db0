import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrateClient } from '../../database/migrations';
import { DEFAULT_LEASE_SETTINGS, JobLease } from './JobLease';
import { scheduleLeasedJob } from './scheduleLeasedJob';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const HOUR = 3_600_000;

describe.each(databases.eachSupportedId())(
  'scheduleLeasedJob on %s',
  databaseId => {
    let db: Knex;
    beforeEach(async () => {
      db = await databases.init(databaseId);
      await migrateClient(db);
    });

    async function schedule(initialDelayMs: number) {
      const scheduler = mockServices.scheduler();
      const runs: number[] = [];
      await scheduleLeasedJob(
        {
          db,
          scheduler,
          logger: mockServices.logger.mock(),
          leases: DEFAULT_LEASE_SETTINGS,
        },
        {
          id: 'test-hourly-job',
          lease: 'test-hourly-job',
          frequencyMs: HOUR,
          timeoutMs: HOUR,
          initialDelayMs,
          run: async lease => {
            runs.push(lease.startedAt);
          },
        },
      );
      return { scheduler, runs };
    }

    it('runs a job that is not due when it is triggered by hand', async () => {
      const { scheduler, runs } = await schedule(0);
      // The scheduler's first call: the job has never run, so it is due.
      await scheduler.triggerTask('test-hourly-job');
      expect(runs).toHaveLength(1);

      // Due again in an hour, yet a trigger now runs it.
      await scheduler.triggerTask('test-hourly-job');
      expect(runs).toHaveLength(2);
    });

    it('runs a triggered job only when no other instance holds it', async () => {
      const { scheduler, runs } = await schedule(HOUR);
      let finish!: () => void;
      let taken!: () => void;
      const running = new Promise<void>(r => (taken = r));
      // Another instance's run, after which the job is due in an hour.
      const other = new JobLease(db, 'test-hourly-job').run(
        async () => {
          taken();
          await new Promise<void>(r => (finish = r));
        },
        { everyMs: HOUR },
      );
      await running;

      await scheduler.triggerTask('test-hourly-job');
      expect(runs).toHaveLength(0);
      finish();
      await other;
      await scheduler.triggerTask('test-hourly-job');
      expect(runs).toHaveLength(1);
    });
  },
);
