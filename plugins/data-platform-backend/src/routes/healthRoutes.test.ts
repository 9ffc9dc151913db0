import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pipelineHealthOnCallPermission } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { AlertActions } from '../services/Health/alerts/AlertActions';
import { EndpointFreshnessQuery } from '../services/Health/queries/EndpointFreshnessQuery';
import { OnCallQuery } from '../services/Health/queries/OnCallQuery';
import { PipelineHealthQuery } from '../services/Health/queries/PipelineHealthQuery';
import { AlertStore } from '../services/Health/store/AlertStore';
import { PipelineStore } from '../services/Health/store/PipelineStore';
import { HealthSweep } from '../services/Health/sweep/HealthSweep';
import { QualityCatalogStore } from '../services/Quality/store/QualityCatalogStore';
import {
  createIngestor,
  HOUR,
  hourlyRun,
  migrated,
  pipeline,
  RecordingNotifications,
  registerPipelines,
  t,
  testSettings,
} from '../services/Health/__testUtils__/healthTestbed';
import { createRouter } from './createRouter';
import { healthRoutes } from './healthRoutes';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const NOW = t('2026-11-26T12:30:00Z');
const hour = (h: number) =>
  t(`2026-11-26T${String(h).padStart(2, '0')}:00:00Z`);

const OWNER = mockCredentials.user('user:default/olivia'); // member of group:default/playback
const STRANGER = mockCredentials.user('user:default/sam');
const ONCALL = mockCredentials.user('user:default/ona');

describe.each(databases.eachSupportedId())(
  'health routes on %p',
  databaseId => {
    let db: Knex;
    let app: express.Express;
    let onCallAllowed: Set<string>;
    let alertId: string;

    beforeAll(async () => {
      db = await migrated(await databases.init(databaseId));
      await registerPipelines(
        db,
        [
          pipeline('plays-hourly-clean', {
            owner: 'group:default/playback',
            title: 'Clean plays, hourly',
          }),
          pipeline('plays-sessions', {
            owner: 'group:default/insights',
            reads: ['plays-hourly-clean'],
          }),
          pipeline('fine', { owner: 'group:default/insights' }),
          pipeline('also-late', {
            owner: 'group:default/ads',
            lifecycle: 'experimental',
          }),
        ],
        t('2026-11-25T06:00:00Z'),
      );
      const ingestor = createIngestor(db);
      const events = [];
      for (let p = t('2026-11-25T00:00:00Z'); p < hour(12); p += HOUR) {
        events.push(...hourlyRun({ job: 'fine', partition: p }));
        if (p < hour(7)) {
          events.push(
            ...hourlyRun({ job: 'plays-hourly-clean', partition: p }),
          );
          events.push(...hourlyRun({ job: 'plays-sessions', partition: p }));
        }
        if (p < hour(9))
          events.push(...hourlyRun({ job: 'also-late', partition: p }));
      }
      await ingestor.ingest(events);
      await new HealthSweep(
        db,
        testSettings(),
        new RecordingNotifications(),
      ).run(NOW);
      const live = await new AlertStore(db).live();
      alertId = live.find(
        a => a.pipelineRef === 'pipeline:default/plays-hourly-clean',
      )!.id;

      onCallAllowed = new Set();
      const permissions = mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(() => ({
            result:
              (options?.credentials.principal as any).userEntityRef &&
              onCallAllowed.has(
                (options!.credentials.principal as any).userEntityRef,
              )
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })) as any,
      });
      const userInfo = mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const ref = (credentials.principal as any).userEntityRef as string;
          return {
            userEntityRef: ref,
            ownershipEntityRefs:
              ref === 'user:default/olivia'
                ? [ref, 'group:default/playback']
                : [ref],
          };
        },
      });
      // Everyone may read the whole catalog here: healthReadAccess.test.ts
      // has the conditional decisions.
      const reads = new CatalogReadAccess({
        permissions: mockServices.permissions(),
        catalog: catalogServiceMock(),
      });
      app = express();
      app.use(
        createRouter([
          healthRoutes({
            httpAuth: mockServices.httpAuth(),
            onCall: new OnCallQuery(db),
            pipelineHealth: new PipelineHealthQuery(db, testSettings()),
            endpointFreshness: new EndpointFreshnessQuery(db),
            actions: new AlertActions({
              alerts: new AlertStore(db),
              pipelines: new PipelineStore(db),
              endpoints: new QualityCatalogStore(db),
              permissions,
              userInfo,
              reads,
            }),
            reads,
            now: () => NOW,
          }),
        ]),
      );
      app.use(mockErrorHandler());
      // Exposed for the permission assertions below.
      (app as any).permissions = permissions;
    });

    const as = (credentials: typeof OWNER) => ({
      authorization: mockCredentials.user.header(
        (credentials.principal as any).userEntityRef,
      ),
    });

    it('lists late and failed pipelines by severity, then age', async () => {
      const res = await request(app).get('/health/oncall');
      expect(res.status).toBe(200);
      expect(res.body.rows.map((r: any) => r.pipelineRef)).toEqual([
        'pipeline:default/plays-hourly-clean',
        'pipeline:default/plays-sessions',
        'pipeline:default/also-late',
      ]);
      expect(res.body.total).toBe(3);
      const [first, second] = res.body.rows;
      expect(first).toMatchObject({
        title: 'Clean plays, hourly',
        owner: 'group:default/playback',
        lifecycle: 'production',
        state: 'late',
        partition: '2026-11-26T07:00:00.000Z',
        since: '2026-11-26T10:00:00.000Z',
        lateByMs: 150 * 60_000,
        alert: { id: alertId, state: 'open', severity: 'critical' },
      });
      expect(second.rootCause.chain[0]).toMatchObject({
        pipelineRef: 'pipeline:default/plays-hourly-clean',
      });
    });

    it('filters by owners, sorts by name and pages', async () => {
      const mine = await request(app).get(
        '/health/oncall?owners=group:default/insights,playback&filter=all&sort=name',
      );
      expect(mine.body.rows.map((r: any) => r.pipelineRef)).toEqual([
        'pipeline:default/plays-hourly-clean', // title "Clean plays, hourly"
        'pipeline:default/fine',
        'pipeline:default/plays-sessions',
      ]);
      expect(mine.body.rows[1]).toMatchObject({ state: 'healthy' });
      const page = await request(app).get(
        '/health/oncall?filter=all&sort=name&offset=1&limit=2',
      );
      expect(page.body).toMatchObject({ total: 4 });
      expect(page.body.rows).toHaveLength(2);
    });

    it('answers the states of the pipelines asked for, for a lineage graph', async () => {
      const res = await request(app)
        .post('/health/pipeline-states')
        .send({
          pipelines: [
            'pipeline:default/plays-sessions',
            'pipeline:default/fine',
            'pipeline:default/fine',
            'pipeline:default/not-in-health',
          ],
        });
      expect(res.status).toBe(200);
      // Sorted by title; unknown pipelines left out, repeats answered once.
      expect(res.body.rows.map((r: any) => [r.pipelineRef, r.state])).toEqual([
        ['pipeline:default/fine', 'healthy'],
        ['pipeline:default/plays-sessions', 'late'],
      ]);
      expect(res.body.rows[1].rootCause.chain[0]).toMatchObject({
        pipelineRef: 'pipeline:default/plays-hourly-clean',
      });

      const empty = await request(app)
        .post('/health/pipeline-states')
        .send({ pipelines: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toBe(
        'pipelines: must list at least one pipeline',
      );
      const tooMany = await request(app)
        .post('/health/pipeline-states')
        .send({
          pipelines: Array.from(
            { length: 1001 },
            (_, i) => `pipeline:default/p${i}`,
          ),
        });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toBe(
        'pipelines: must list at most 1000 pipelines',
      );
      const notStrings = await request(app)
        .post('/health/pipeline-states')
        .send({ pipelines: ['pipeline:default/fine', 7] });
      expect(notStrings.status).toBe(400);
      expect(notStrings.body.error.message).toMatch(/^pipelines\.1: /);
    });

    it('names each bad parameter in a 400', async () => {
      const res = await request(app).get(
        '/health/oncall?limit=0&sort=loudest&owners=group:',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/limit/);
      expect(res.body.error.message).toMatch(/sort/);
      expect(res.body.error.message).toMatch(/owners/);
      const snooze = await request(app)
        .post(`/health/alerts/${alertId}/snooze`)
        .set(as(OWNER))
        .send({ until: 'tomorrow', extra: 1 });
      expect(snooze.status).toBe(400);
      expect(snooze.body.error.message).toMatch(
        /until: must be an ISO 8601 date-time/,
      );
      // Not 2 March: a day February does not have is refused.
      const notADay = await request(app)
        .post(`/health/alerts/${alertId}/snooze`)
        .set(as(OWNER))
        .send({ until: '2026-02-30T00:00:00Z' });
      expect(notADay.status).toBe(400);
      expect(notADay.body.error.message).toContain(
        'has day 30, which 2026-02 does not have',
      );
    });

    it("serves a pipeline's runs, partitions and alerts", async () => {
      const res = await request(app).get(
        '/health/pipelines/default/plays-hourly-clean',
      );
      expect(res.status).toBe(200);
      const partitions = new Map(
        res.body.partitions.map((p: any) => [p.partition, p]),
      );
      expect(partitions.get('2026-11-26T06:00:00.000Z')).toMatchObject({
        state: 'landed_on_time',
        attempts: 1,
      });
      expect(partitions.get('2026-11-26T07:00:00.000Z')).toMatchObject({
        state: 'late',
        attempts: 0,
        deadline: '2026-11-26T10:00:00.000Z',
        lateByMs: 150 * 60_000,
      });
      expect(partitions.get('2026-11-26T12:00:00.000Z')).toMatchObject({
        state: 'pending',
      });
      expect(res.body.partitions.length).toBeGreaterThanOrEqual(30);
      expect(res.body.runs[0]).toMatchObject({
        state: 'COMPLETE',
        attempt: 1,
        durationMs: 600_000,
      });
      expect(res.body.alerts[0]).toMatchObject({
        id: alertId,
        state: 'open',
        problem: 'late',
      });
      expect(res.body.alerts[0].history.map((h: any) => h.action)).toEqual([
        'opened',
        'notified',
      ]);
      expect(
        (await request(app).get('/health/pipelines/default/nope')).status,
      ).toBe(404);
    });

    it('serves the freshness of an endpoint from its writers', async () => {
      const fresh = await request(app).get(
        '/health/endpoints/default/fine-out/freshness',
      );
      expect(fresh.body).toMatchObject({
        endpointRef: 'dataendpoint:default/fine-out',
        state: 'fresh',
        latestPartition: '2026-11-26T11:00:00.000Z',
        writers: [
          { pipelineRef: 'pipeline:default/fine', state: 'landed_on_time' },
        ],
      });
      const late = await request(app).get(
        '/health/endpoints/default/plays-hourly-clean-out/freshness',
      );
      expect(late.body).toMatchObject({
        state: 'late',
        writers: [{ state: 'late', partition: '2026-11-26T07:00:00.000Z' }],
      });
      const unknown = await request(app).get(
        '/health/endpoints/default/nobody-writes-me/freshness',
      );
      expect(unknown.body).toMatchObject({ state: 'unknown', writers: [] });
    });

    it('refuses acknowledging to someone who neither owns the pipeline nor is on call', async () => {
      const res = await request(app)
        .post(`/health/alerts/${alertId}/acknowledge`)
        .set(as(STRANGER))
        .send({});
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        pipelineHealthOnCallPermission.name,
      );
      const resolve = await request(app)
        .post(`/health/alerts/${alertId}/resolve`)
        .set(as(STRANGER))
        .send({});
      expect(resolve.status).toBe(403);
      expect((await new AlertStore(db).get(alertId))!.state).toBe('open');
    });

    it("lets the pipeline's owner acknowledge, asking the permission framework nothing", async () => {
      const permissions = (app as any).permissions;
      permissions.authorize.mockClear();
      const res = await request(app)
        .post(`/health/alerts/${alertId}/acknowledge`)
        .set(as(OWNER))
        .send({ note: 'looking' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'acknowledged',
        acknowledgedBy: 'user:default/olivia',
        acknowledgedAt: new Date(NOW).toISOString(),
      });
      expect(res.body.history.at(-1)).toMatchObject({
        action: 'acknowledged',
        by: 'user:default/olivia',
        note: 'looking',
      });
      expect(permissions.authorize).not.toHaveBeenCalled();
    });

    it('lets a holder of the on-call permission snooze and resolve any alert', async () => {
      onCallAllowed.add('user:default/ona');
      const until = new Date(NOW + 2 * HOUR).toISOString();
      const snoozed = await request(app)
        .post(`/health/alerts/${alertId}/snooze`)
        .set(as(ONCALL))
        .send({ until });
      expect(snoozed.status).toBe(200);
      expect(snoozed.body).toMatchObject({
        state: 'snoozed',
        snoozedUntil: until,
      });
      const resolved = await request(app)
        .post(`/health/alerts/${alertId}/resolve`)
        .set(as(ONCALL))
        .send();
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        state: 'resolved',
        resolvedBy: 'user:default/ona',
      });
      const again = await request(app)
        .post(`/health/alerts/${alertId}/acknowledge`)
        .set(as(ONCALL))
        .send();
      expect(again.status).toBe(409);
      expect(
        (
          await request(app)
            .post('/health/alerts/nope/resolve')
            .set(as(ONCALL))
            .send()
        ).status,
      ).toBe(404);
    });
  },
);
