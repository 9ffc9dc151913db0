import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { OnCallQuery } from '../queries/OnCallQuery';
import { PipelineHealthQuery } from '../queries/PipelineHealthQuery';
import { HealthSweep } from '../sweep/HealthSweep';
import { AlertStore } from '../store/AlertStore';
import {
  createIngestor,
  hourlyRun,
  migrated,
  MINUTE,
  pipeline,
  RecordingNotifications,
  registerPipelines,
  t,
  testSettings,
} from '../__testUtils__/healthTestbed';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const REGISTERED = t('2026-11-26T00:00:00Z');
const NOW = t('2026-11-26T12:30:00Z');
const hour = (h: number) =>
  t(`2026-11-26T${String(h).padStart(2, '0')}:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString();
const REF = 'pipeline:default/cohorts';

describe.each(databases.eachSupportedId())(
  'the current state of a pipeline on %p',
  databaseId => {
    let db: Knex;
    let notifications: RecordingNotifications;

    beforeEach(async () => {
      db = await migrated(await databases.init(databaseId));
      notifications = new RecordingNotifications();
      await registerPipelines(db, [pipeline('cohorts')], REGISTERED);
    });

    it('is the newest failure, since its first failed run ended, not an older failed partition', async () => {
      const ingestor = createIngestor(db);
      await ingestor.ingest([
        // An old failure nobody re-ran, then partitions that landed...
        ...hourlyRun({
          job: 'cohorts',
          partition: hour(3),
          outcome: 'FAIL',
          error: 'dbt: test not_null_user_id failed',
        }),
        ...[4, 5, 6, 7, 8, 9].flatMap(h =>
          hourlyRun({ job: 'cohorts', partition: hour(h) }),
        ),
        // ...then the failure going on now, twice in a row.
        ...[10, 11].flatMap(h =>
          hourlyRun({
            job: 'cohorts',
            partition: hour(h),
            outcome: 'FAIL',
            error: 'column plan_tier does not exist',
          }),
        ),
      ]);
      await new HealthSweep(db, testSettings(), notifications).run(NOW);

      // hourlyRun starts 5 minutes after the period and runs 10; the
      // deadline (end + 2 h) of 10:00 has not passed yet.
      const failingSince = hour(11) + 15 * MINUTE;
      const expected = {
        state: 'failed',
        partition: iso(hour(10)),
        lastPartition: iso(hour(11)),
        since: iso(failingSince),
        failureReason: 'column plan_tier does not exist',
      };
      const onCall = await new OnCallQuery(db).list(
        { filter: 'problems', sort: 'severity', offset: 0, limit: 10 },
        NOW,
      );
      expect(onCall.rows).toEqual([expect.objectContaining(expected)]);
      const health = await new PipelineHealthQuery(db, testSettings()).get(
        REF,
        NOW,
      );
      expect(health.current).toEqual({
        ...expected,
        alert: onCall.rows[0].alert,
      });
      // The older failed partition is still there for the grid.
      expect(
        health.partitions.find(p => p.partition === iso(hour(3)))?.state,
      ).toBe('failed');

      const [sent] = notifications.to('group:default/team-a');
      expect(sent.title).toBe(
        'cohorts: partitions 26 Nov 2026, 10:00 UTC to 26 Nov 2026, 11:00 UTC failed',
      );
      expect(sent.description).toBe(
        'Failing since 26 Nov 2026, 11:15 UTC. Error: column plan_tier does not exist.',
      );
    });

    it('reopens an alert a user resolved while the partition is still late', async () => {
      const sweep = new HealthSweep(db, testSettings(), notifications);
      await sweep.run(NOW);
      const alerts = new AlertStore(db);
      const [alert] = await alerts.live();
      await alerts.change(
        alert.id,
        ['open'],
        {
          state: 'resolved',
          resolvedAt: NOW + MINUTE,
          resolvedBy: 'user:default/olivia',
        },
        [{ action: 'resolved', by: 'user:default/olivia', at: NOW + MINUTE }],
        NOW + MINUTE,
      );
      expect(await alerts.live()).toEqual([]);

      await sweep.run(NOW + 2 * MINUTE);
      const [reopened] = await alerts.live();
      expect(reopened).toMatchObject({ id: alert.id, state: 'open' });
      const history = (await alerts.history([alert.id])).get(alert.id)!;
      expect(history.slice(-2)).toEqual([
        expect.objectContaining({ action: 'resolved' }),
        expect.objectContaining({
          action: 'reopened',
          by: 'system',
          note: 'resolved while the problem still held',
        }),
      ]);
      const [row] = (
        await new OnCallQuery(db).list(
          { filter: 'problems', sort: 'severity', offset: 0, limit: 10 },
          NOW + 2 * MINUTE,
        )
      ).rows;
      expect(row.alert).toMatchObject({ id: alert.id, state: 'open' });
    });
  },
);
