import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { QualityCatalogStore } from '../../Quality/store/QualityCatalogStore';
import { AlertActions } from '../alerts/AlertActions';
import { OnCallQuery } from '../queries/OnCallQuery';
import { PipelineHealthQuery } from '../queries/PipelineHealthQuery';
import { AlertStore } from '../store/AlertStore';
import { PipelineStore } from '../store/PipelineStore';
import { HealthSweep } from '../sweep/HealthSweep';
import {
  createIngestor,
  HOUR,
  hourlyRun,
  migrated,
  MINUTE,
  pipeline,
  RecordingNotifications,
  registerPipelines,
  t,
  testSettings,
} from '../__testUtils__/healthTestbed';
import {
  CHECKS,
  checkResults,
  registerEndpoint,
} from '../__testUtils__/qualityTestbed';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const REGISTERED = t('2026-11-26T06:00:00Z');
const NOW = t('2026-11-26T12:30:00Z');
const hour = (h: number) =>
  t(`2026-11-26T${String(h).padStart(2, '0')}:00:00Z`);
const [NULLS, DUPLICATES, VOLUME, COUNTRY] = CHECKS;
const CRITICAL_NAMES = ['null_rate:user_id', 'uniqueness:play_id', 'volume'];

const fail = (...checks: typeof CHECKS) =>
  checks.map(check => ({ check, status: 'fail' as const }));
const pass = (...checks: typeof CHECKS) =>
  checks.map(check => ({ check, status: 'pass' as const }));

/** Hourly runs landing on time for partitions [from, to). */
function landed(job: string, from: number, to: number) {
  const events = [];
  for (let p = from; p < to; p += HOUR)
    events.push(...hourlyRun({ job, partition: p }));
  return events;
}

const PLAYBACK = 'group:default/playback';
const INSIGHTS = 'group:default/insights';
const FINANCE = 'group:default/finance';
const user = (ref: string, teams: string[]) => ({
  credentials: mockCredentials.user(ref),
  teams,
});

describe.each(databases.eachSupportedId())(
  'bad-data alerts on %p',
  databaseId => {
    let db: Knex;
    let notifications: RecordingNotifications;
    let sweep: HealthSweep;
    const alerts = () => new AlertStore(db);
    const status = async (name: string) =>
      (await new PipelineStore(db).get(`pipeline:default/${name}`))!.status;
    const actions = (teams: Map<string, string[]>) =>
      new AlertActions({
        alerts: alerts(),
        pipelines: new PipelineStore(db),
        endpoints: new QualityCatalogStore(db),
        permissions: mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.DENY })),
        }),
        userInfo: mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as any).userEntityRef as string;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(teams.get(ref) ?? [])],
            };
          },
        }),
      });

    /** raw-clean (playback) writes raw-clean-out, which sessions and kpis read. */
    async function platform() {
      await registerPipelines(
        db,
        [
          pipeline('raw-clean', { owner: PLAYBACK }),
          pipeline('sessions', { owner: INSIGHTS, reads: ['raw-clean'] }),
          pipeline('kpis', { owner: FINANCE, reads: ['raw-clean'] }),
        ],
        REGISTERED,
      );
      await createIngestor(db).ingest([
        ...landed('raw-clean', hour(2), hour(12)),
        ...landed('sessions', hour(2), hour(12)),
        ...landed('kpis', hour(2), hour(12)),
      ]);
      return {
        raw: await registerEndpoint(db, 'raw-clean-out', {
          checks: CHECKS,
          writers: ['pipeline:default/raw-clean'],
        }),
        sessions: await registerEndpoint(db, 'sessions-out', {
          checks: CHECKS,
          writers: ['pipeline:default/sessions'],
        }),
      };
    }

    beforeEach(async () => {
      db = await migrated(await databases.init(databaseId));
      notifications = new RecordingNotifications();
      sweep = new HealthSweep(db, testSettings(), notifications);
    });

    it('opens one alert for a partition whose three critical checks fail, none for a failing warning', async () => {
      const { raw } = await platform();
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
        title: 'raw-clean: bad data in partition 2026-11-26 09:00 UTC',
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
      const { raw } = await platform();
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
      const { raw } = await platform();
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
          'Resolved: raw-clean: bad data in partition 2026-11-26 09:00 UTC',
        description:
          'The problem is gone: the critical checks pass again, or an owner resolved the alert.',
      });
    });

    it('is acknowledged and resolved by the owners, not by others, and stays resolved', async () => {
      const { raw } = await platform();
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
      const act = actions(
        new Map([
          ['user:default/olivia', olivia.teams],
          ['user:default/frank', frank.teams],
        ]),
      );

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
        'raw-clean: bad data in partition 2026-11-26 09:00 UTC',
        'Resolved: raw-clean: bad data in partition 2026-11-26 09:00 UTC',
      ]);
      expect(new Set(playback.map(p => p.scope)).size).toBe(1);
    });

    it('escalates an alert left open, and keeps one per bad partition', async () => {
      const { raw } = await platform();
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

    it('points bad data downstream at the bad upstream partition, and tells each downstream owner once', async () => {
      const { raw, sessions } = await platform();
      await checkResults(
        db,
        raw,
        hour(9),
        fail(NULLS, DUPLICATES, VOLUME),
        hour(10) + 20 * MINUTE,
      );
      await checkResults(
        db,
        sessions,
        hour(9),
        fail(NULLS, VOLUME),
        hour(10) + 40 * MINUTE,
      );
      await sweep.run(NOW);
      await sweep.run(NOW + MINUTE);

      const live = await alerts().live();
      const byRef = new Map(live.map(a => [a.pipelineRef.split('/')[1], a]));
      expect(live).toHaveLength(2);
      expect(byRef.get('raw-clean')).toMatchObject({
        rootCauseRef: undefined,
        severity: 'high',
      });
      const caused = byRef.get('sessions')!;
      expect(caused).toMatchObject({
        problem: 'bad_data',
        rootCauseRef: 'pipeline:default/raw-clean',
        severity: 'normal',
      });
      expect(JSON.parse(caused.rootCause!)).toEqual({
        chain: [
          {
            pipelineRef: 'pipeline:default/raw-clean',
            partition: '2026-11-26T09:00:00.000Z',
            state: 'bad_data',
          },
        ],
      });
      expect((await status('sessions')).rootCause).toBe(caused.rootCause);

      expect(notifications.to(PLAYBACK)).toHaveLength(1);
      const insights = notifications.to(INSIGHTS);
      expect(insights.map(p => p.title)).toEqual([
        'Expected bad data in sessions, caused by raw-clean',
      ]);
      expect(insights[0].description).toMatch(
        /^sessions reads data from raw-clean, whose critical checks fail: null_rate:user_id on raw-clean-out/,
      );
      expect(insights[0].link).toBe(
        '/catalog/default/dataendpoint/raw-clean-out/quality',
      );
      // kpis reads the bad data without failing a check of its own.
      expect(notifications.to(FINANCE).map(p => p.title)).toEqual([
        'Expected bad data in kpis, caused by raw-clean',
      ]);
      expect(notifications.sent).toHaveLength(3);
    });

    it('blames bad data on the late partition it was written from, but not lateness on bad data', async () => {
      await registerPipelines(
        db,
        [
          pipeline('raw-clean', { owner: PLAYBACK }),
          pipeline('sessions', { owner: INSIGHTS, reads: ['raw-clean'] }),
          pipeline('kpis', { owner: FINANCE, reads: ['sessions'] }),
        ],
        REGISTERED,
      );
      // raw-clean never wrote 09:00; sessions ran on what there was; kpis stopped.
      await createIngestor(db).ingest([
        ...landed('raw-clean', hour(2), hour(9)),
        ...landed('raw-clean', hour(10), hour(12)),
        ...landed('sessions', hour(2), hour(12)),
        ...landed('kpis', hour(2), hour(9)),
        ...landed('kpis', hour(10), hour(12)),
      ]);
      const sessions = await registerEndpoint(db, 'sessions-out', {
        checks: CHECKS,
        writers: ['pipeline:default/sessions'],
      });
      await checkResults(
        db,
        sessions,
        hour(9),
        fail(VOLUME),
        hour(10) + 20 * MINUTE,
      );
      await sweep.run(NOW);

      const live = await alerts().live();
      const of = (name: string, problem: string) =>
        live.find(
          a =>
            a.pipelineRef === `pipeline:default/${name}` &&
            a.problem === problem,
        );
      expect(of('raw-clean', 'late')).toMatchObject({
        rootCauseRef: undefined,
      });
      expect(of('sessions', 'bad_data')).toMatchObject({
        rootCauseRef: 'pipeline:default/raw-clean',
      });
      expect(JSON.parse(of('sessions', 'bad_data')!.rootCause!).chain).toEqual([
        {
          pipelineRef: 'pipeline:default/raw-clean',
          partition: '2026-11-26T09:00:00.000Z',
          state: 'late',
        },
      ]);
      // kpis is late on its own: the bad data it read does not explain lateness.
      expect(of('kpis', 'late')).toMatchObject({ rootCauseRef: undefined });
    });

    it('gives an endpoint no known pipeline writes its own alert, for its owners', async () => {
      const events = await registerEndpoint(db, 'app-events', {
        checks: CHECKS,
        writers: [],
        owner: 'group:default/client-events',
      });
      await checkResults(
        db,
        events,
        hour(9),
        fail(NULLS),
        hour(10) + 20 * MINUTE,
      );
      await sweep.run(NOW);

      const [alert] = await alerts().live();
      expect(alert).toMatchObject({
        pipelineRef: events,
        problem: 'bad_data',
        partitionStart: hour(9),
        severity: 'normal',
      });
      expect(
        notifications.to('group:default/client-events').map(p => p.title),
      ).toEqual(['app-events: bad data in partition 2026-11-26 09:00 UTC']);

      const ada = user('user:default/ada', ['group:default/client-events']);
      const acked = await actions(
        new Map([['user:default/ada', ada.teams]]),
      ).acknowledge(alert.id, ada.credentials, NOW + MINUTE);
      expect(acked.state).toBe('acknowledged');
    });
  },
);
