import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { OnCallQuery } from '../queries/OnCallQuery';
import { AlertStore } from '../store/AlertStore';
import { PipelineStore } from '../store/PipelineStore';
import { HealthSweep } from '../sweep/HealthSweep';
import {
  createIngestor,
  migrated,
  MINUTE,
  pipeline,
  RecordingNotifications,
  registerPipelines,
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
  INSIGHTS,
  landed,
  NOW,
  PLAYBACK,
  REGISTERED,
  registerEndpoint,
  user,
} from '../__testUtils__/badDataTestbed';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const [NULLS, DUPLICATES, VOLUME] = CHECKS;

describe.each(databases.eachSupportedId())(
  'bad-data root causes and notices on %p',
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

    it('points bad data downstream at the bad upstream partition, and tells each downstream owner once', async () => {
      const { raw, sessions } = await badDataPlatform(db);
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
      ).toEqual(['app-events: bad data in partition 26 Nov 2026, 09:00 UTC']);

      // On call sees it next to the pipelines: whose, which check, which partition.
      const list = {
        filter: 'problems' as const,
        sort: 'severity' as const,
        offset: 0,
        limit: 50,
      };
      const page = await new OnCallQuery(db).list(list, NOW);
      expect(page.endpoints).toEqual([
        expect.objectContaining({
          pipelineRef: events,
          owner: 'group:default/client-events',
          state: 'bad_data',
          partition: new Date(hour(9)).toISOString(),
          alert: expect.objectContaining({
            id: alert.id,
            failedChecks: [
              expect.objectContaining({
                endpointRef: events,
                check: 'null_rate:user_id',
              }),
            ],
          }),
        }),
      ]);
      const others = await new OnCallQuery(db).list(
        { ...list, owners: ['group:default/playback'] },
        NOW,
      );
      expect(others.endpoints).toEqual([]);

      const ada = user('user:default/ada', ['group:default/client-events']);
      const acked = await alertActionsFor(db, [ada]).acknowledge(
        alert.id,
        ada.credentials,
        NOW + MINUTE,
      );
      expect(acked.state).toBe('acknowledged');
    });

    it('gives each pipeline writing the endpoint its own alert', async () => {
      await badDataPlatform(db);
      const shared = await registerEndpoint(db, 'plays-shared', {
        checks: CHECKS,
        writers: ['pipeline:default/raw-clean', 'pipeline:default/kpis'],
      });
      await checkResults(db, shared, hour(9), fail(NULLS, VOLUME), hour(10));
      await sweep.run(NOW);

      const live = await alerts().live();
      expect(live.map(a => a.pipelineRef).sort()).toEqual([
        'pipeline:default/kpis',
        'pipeline:default/raw-clean',
      ]);
      expect(live.every(a => a.problem === 'bad_data')).toBe(true);
      expect(notifications.to(PLAYBACK)).toHaveLength(1);
      expect(notifications.to(FINANCE)).toHaveLength(1);
    });
  },
);
