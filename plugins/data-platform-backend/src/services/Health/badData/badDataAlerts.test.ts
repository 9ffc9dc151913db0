import { NotAllowedError } from '@backstage/errors';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { OnCallQuery } from '../queries/OnCallQuery';
import { PipelineHealthQuery } from '../queries/PipelineHealthQuery';
import { AlertStore } from '../store/AlertStore';
import { PipelineStore } from '../store/PipelineStore';
import { HealthSweep } from '../sweep/HealthSweep';
import {
  HOUR,
  migrated,
  MINUTE,
  RecordingNotifications,
  testSettings,
} from '../__testUtils__/healthTestbed';
import {
  alertActionsFor,
  badDataPlatform,
  CHECKS,
  checkResults,
  fail,
  FINANCE,
  hour,
  NOW,
  pass,
  PLAYBACK,
  registerEndpoint,
  user,
} from '../__testUtils__/badDataTestbed';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const [NULLS, DUPLICATES, VOLUME, COUNTRY] = CHECKS;
const CRITICAL_NAMES = ['null_rate:user_id', 'uniqueness:play_id', 'volume'];

describe.each(databases.eachSupportedId())(
  'bad-data alert lifecycle on %p',
  databaseId => {
    let db: Knex;
    let notifications: RecordingNotifications;
    let sweep: HealthSweep;
    const alerts = () => new AlertStore(db);
    const status = async (name: string) =>
      (await new PipelineStore(db).get(`pipeline:default/${name}`))!.status;

    beforeEach(async () => {
      db = await migrated(await databases.init(databaseId));
      notifications = new RecordingNotifications();
      sweep = new HealthSweep(db, testSettings(), notifications);
    });

    it('opens one alert for a partition whose three critical checks fail, none for a failing warning', async () => {
      const { raw } = await badDataPlatform(db);
      await checkResults(
        db,
        raw,
        hour(9),
        fail(NULLS, DUPLICATES, VOLUME, COUNTRY),
        hour(10) + 20 * MINUTE,
      );
      await checkResults(
        db,
        raw,
        hour(10),
        [...pass(NULLS, DUPLICATES, VOLUME), ...fail(COUNTRY)],
        hour(11) + 20 * MINUTE,
      );
      await sweep.run(NOW);
      await sweep.run(NOW + MINUTE);

      const live = await alerts().live();
      expect(live).toHaveLength(1);
      expect(live[0]).toMatchObject({
        pipelineRef: 'pipeline:default/raw-clean',
        problem: 'bad_data',
        partitionStart: hour(9),
        severity: 'high',
        state: 'open',
      });
      expect(await status('raw-clean')).toMatchObject({
        state: 'bad_data',
        problem: true,
        partition: hour(9),
        alertId: live[0].id,
      });

      const health = await new PipelineHealthQuery(db, testSettings()).get(
        'pipeline:default/raw-clean',
        NOW + MINUTE,
      );
      expect(health.alerts).toHaveLength(1);
      expect(health.alerts[0]).toMatchObject({
        problem: 'bad_data',
        partition: '2026-11-26T09:00:00.000Z',
      });
      expect(health.alerts[0].failedChecks!.map(c => c.check)).toEqual(
        CRITICAL_NAMES.slice().sort(),
      );
      expect(health.alerts[0].failedChecks![0]).toEqual({
        endpointRef: raw,
        check: 'null_rate:user_id',
        message: 'null_rate:user_id failed',
        source: 'local-warehouse',
      });

      const playback = notifications.to(PLAYBACK);
      expect(playback).toHaveLength(1);
      expect(playback[0]).toMatchObject({
        title: 'raw-clean: bad data in partition 26 Nov 2026, 09:00 UTC',
        link: '/catalog/default/dataendpoint/raw-clean-out/quality',
        severity: 'high',
      });
      expect(playback[0].description).toMatch(
        /^Critical checks fail: null_rate:user_id on raw-clean-out \(null_rate:user_id failed\); uniqueness:play_id/,
      );
      expect(playback[0].description).toMatch(
        /2 downstream pipelines read it\.$/,
      );
    });

    it('lists the bad-data pipeline on the on-call page with its failing checks', async () => {
      const { raw } = await badDataPlatform(db);
      await checkResults(
        db,
        raw,
        hour(9),
        fail(NULLS, DUPLICATES, VOLUME),
        hour(10) + 20 * MINUTE,
      );
      await sweep.run(NOW);

      const page = await new OnCallQuery(db).list(
        { filter: 'problems', sort: 'severity', offset: 0, limit: 50 },
        NOW,
      );
      expect(page.total).toBe(1);
      const [row] = page.rows;
      expect(row).toMatchObject({
        pipelineRef: 'pipeline:default/raw-clean',
        owner: PLAYBACK,
        state: 'bad_data',
        partition: '2026-11-26T09:00:00.000Z',
        alert: { state: 'open', severity: 'high' },
      });
      expect(row.lateByMs).toBeUndefined();
      expect(row.alert!.failedChecks!.map(c => c.check)).toEqual(
        CRITICAL_NAMES.slice().sort(),
      );
    });

    it('resolves itself when the partition passes its critical checks again, and tells the owner', async () => {
      const { raw } = await badDataPlatform(db);
      await checkResults(
        db,
        raw,
        hour(9),
        fail(NULLS, DUPLICATES, VOLUME),
        hour(10) + 20 * MINUTE,
      );
      await sweep.run(NOW);
      const [alert] = await alerts().live();

      // Fixed and rerun: one check passes, the others still fail.
      await checkResults(db, raw, hour(9), pass(NULLS), NOW + 5 * MINUTE);
      await sweep.run(NOW + 6 * MINUTE);
      const still = await alerts().get(alert.id);
      expect(still!.state).toBe('open');
      expect(
        JSON.parse(still!.details!).checks.map((c: any) => c.check),
      ).toEqual(['uniqueness:play_id', 'volume']);

      await checkResults(
        db,
        raw,
        hour(9),
        pass(DUPLICATES, VOLUME),
        NOW + 10 * MINUTE,
      );
      await sweep.run(NOW + 11 * MINUTE);
      expect(await alerts().live()).toEqual([]);
      expect(await alerts().get(alert.id)).toMatchObject({
        state: 'resolved',
        resolvedBy: 'system',
      });
      const history = (await alerts().history([alert.id])).get(alert.id)!;
      expect(history.map(h => h.action)).toEqual([
        'opened',
        'notified',
        'notified',
        'resolved',
      ]);
      expect(history[3].note).toBe('its critical checks pass again');
      expect(await status('raw-clean')).toMatchObject({
        state: 'healthy',
        problem: false,
      });

      const playback = notifications.to(PLAYBACK);
      expect(new Set(playback.map(p => p.scope)).size).toBe(1);
      expect(playback.at(-1)).toMatchObject({
        title:
          'Resolved: raw-clean: bad data in partition 26 Nov 2026, 09:00 UTC',
        description:
          'The problem is gone: the critical checks pass again, or an owner resolved the alert.',
      });
    });

    it('is acknowledged and resolved by the owners, not by others, and stays resolved', async () => {
      const { raw } = await badDataPlatform(db);
      await checkResults(
        db,
        raw,
        hour(9),
        fail(NULLS, DUPLICATES, VOLUME),
        hour(10) + 20 * MINUTE,
      );
      await sweep.run(NOW);
      const [alert] = await alerts().live();
      const olivia = user('user:default/olivia', [PLAYBACK]);
      const frank = user('user:default/frank', [FINANCE]);
      const act = alertActionsFor(db, [olivia, frank]);

      await expect(
        act.acknowledge(alert.id, frank.credentials, NOW + MINUTE),
      ).rejects.toThrow(NotAllowedError);
      const acked = await act.acknowledge(
        alert.id,
        olivia.credentials,
        NOW + MINUTE,
        'rerunning with the fix',
      );
      expect(acked).toMatchObject({
        state: 'acknowledged',
        acknowledgedBy: 'user:default/olivia',
        problem: 'bad_data',
      });
      expect(acked.failedChecks).toHaveLength(3);
      await sweep.run(NOW + 2 * MINUTE);
      expect((await alerts().get(alert.id))!.state).toBe('acknowledged');

      await act.resolve(alert.id, olivia.credentials, NOW + 3 * MINUTE);
      // The checks still fail, but the owners closed it for this partition.
      await sweep.run(NOW + 4 * MINUTE);
      expect(await alerts().live()).toEqual([]);
      expect(await db('health_alerts')).toHaveLength(1);
      // Quiet while acknowledged; closed under the same scope once resolved.
      const playback = notifications.to(PLAYBACK);
      expect(playback.map(p => p.title)).toEqual([
        'raw-clean: bad data in partition 26 Nov 2026, 09:00 UTC',
        'Resolved: raw-clean: bad data in partition 26 Nov 2026, 09:00 UTC',
      ]);
      expect(new Set(playback.map(p => p.scope)).size).toBe(1);
    });

    it('escalates an alert left open, and keeps one per bad partition', async () => {
      const { raw } = await badDataPlatform(db);
      await checkResults(db, raw, hour(9), fail(NULLS), hour(10) + 20 * MINUTE);
      await sweep.run(NOW);
      await checkResults(
        db,
        raw,
        hour(10),
        fail(VOLUME),
        hour(11) + 20 * MINUTE,
      );
      await sweep.run(NOW + 2 * HOUR);

      const live = (await alerts().live()).sort(
        (a, b) => a.partitionStart! - b.partitionStart!,
      );
      expect(live.map(a => [a.partitionStart, a.severity])).toEqual([
        [hour(9), 'critical'],
        [hour(10), 'high'],
      ]);
      const history = (await alerts().history([live[0].id])).get(live[0].id)!;
      expect(history.map(h => h.action)).toContain('escalated');
      // One notice for the pipeline, updated to name both partitions.
      const playback = notifications.to(PLAYBACK);
      expect(new Set(playback.map(p => p.scope)).size).toBe(1);
      expect(playback.at(-1)!.title).toBe(
        'raw-clean: bad data in 2 partitions',
      );
    });

    it('reopens its alert when the partition fails again soon after passing', async () => {
      const { raw } = await badDataPlatform(db);
      await checkResults(db, raw, hour(9), fail(NULLS), hour(10));
      await sweep.run(NOW);
      const [alert] = await alerts().live();
      await checkResults(db, raw, hour(9), pass(NULLS), NOW + MINUTE);
      await sweep.run(NOW + 2 * MINUTE);
      expect(await alerts().live()).toEqual([]);

      // A rerun of the old job version: the same partition is bad again.
      await checkResults(db, raw, hour(9), fail(NULLS), NOW + 10 * MINUTE);
      await sweep.run(NOW + 11 * MINUTE);
      const live = await alerts().live();
      expect(live.map(a => a.id)).toEqual([alert.id]);
      const history = (await alerts().history([alert.id])).get(alert.id)!;
      expect(history.map(h => h.action)).toContain('reopened');
      expect(await db('health_alerts')).toHaveLength(1);
    });

    it('changes nothing when swept again at the same instant', async () => {
      const { raw, sessions } = await badDataPlatform(db);
      await checkResults(db, raw, hour(9), fail(NULLS), hour(10));
      await checkResults(db, sessions, hour(9), fail(VOLUME), hour(10));
      await sweep.run(NOW);
      const again = await sweep.run(NOW);
      expect(again).toMatchObject({
        skipped: false,
        statusesWritten: 0,
        alertsChanged: 0,
        notifications: { sent: 0, resolved: 0 },
      });
    });

    it('takes no failure of a check that is no longer declared critical', async () => {
      const { raw } = await badDataPlatform(db);
      await checkResults(db, raw, hour(9), fail(NULLS, VOLUME), hour(10));
      // The owners made the null rate a warning, and dropped the volume check.
      await registerEndpoint(db, 'raw-clean-out', {
        checks: [{ ...NULLS, severity: 'warning' }, DUPLICATES],
        writers: ['pipeline:default/raw-clean'],
      });
      await sweep.run(NOW);
      expect(await alerts().live()).toEqual([]);
      expect(await status('raw-clean')).toMatchObject({ state: 'healthy' });
    });
  },
);
