import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  bigquery,
  runEvent,
} from '../services/OpenLineage/__fixtures__/events';
import { openLineageApp } from './__testUtils__/openLineageApp';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const twoInputs = runEvent({
  eventType: 'START',
  inputs: [bigquery('plays_hourly'), bigquery('tracks')],
});
const { eventTime, ...noTime } = runEvent({ eventType: 'COMPLETE' });

describe.each(databases.eachSupportedId())(
  'OpenLineage dead letters on %s',
  databaseId => {
    it('keeps refused events for an administrator to list, read and replay after a fix', async () => {
      const db = await databases.init(databaseId);
      // Configured to take one dataset a list: the first event is refused.
      const strict = await openLineageApp(db, {
        eventLimits: { maxDatasetsPerEvent: 1 },
      });
      const sent = await strict.post().send([twoInputs, noTime]);
      expect(sent.status).toBe(400);

      const list = await strict.get('/openlineage/dead-letters');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      expect(list.body.deadLetters).toEqual([
        expect.objectContaining({
          index: 1,
          reasons: [
            {
              pointer: '/eventTime',
              path: 'eventTime',
              message: 'is required',
            },
          ],
          sender: 'external:test-service',
          replayable: true,
          replays: 0,
        }),
        expect.objectContaining({
          index: 0,
          event: expect.stringContaining('RunEvent, eventType START'),
          reasons: [
            expect.objectContaining({
              path: 'inputs',
              message: expect.stringContaining('at most 1'),
            }),
          ],
        }),
      ]);
      expect(list.body.deadLetters[0]).not.toHaveProperty('payload');
      const older = list.body.deadLetters[1].id;
      const one = await strict.get(`/openlineage/dead-letters/${older}`);
      expect(JSON.parse(one.body.payload)).toEqual(twoInputs);

      // The fix: the limit raised. The valid one is stored and leaves the
      // store; the other stays, refused again.
      const fixed = await openLineageApp(db);
      const replay = await fixed
        .post('/openlineage/dead-letters/replay')
        .send({});
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({
        received: 2,
        accepted: 1,
        refused: 1,
        refusals: [
          expect.objectContaining({
            event: expect.stringMatching(/^dead letter \d+, RunEvent/),
            message: 'is required',
          }),
        ],
      });
      expect(await fixed.ingestor.eventLog.count()).toBe(1);
      const left = await fixed.get('/openlineage/dead-letters');
      expect(left.body).toMatchObject({
        total: 1,
        deadLetters: [expect.objectContaining({ index: 1, replays: 1 })],
      });
      expect(left.body.deadLetters[0].lastReplayedAt).toBeDefined();

      // Replaying by id replays only those.
      const byId = await fixed
        .post('/openlineage/dead-letters/replay')
        .send({ ids: [left.body.deadLetters[0].id] });
      expect(byId.body).toMatchObject({ received: 1, refused: 1 });
    });

    it('keeps only the newest maxEvents, and no payload larger than maxPayloadSize', async () => {
      const db = await databases.init(databaseId);
      const app = await openLineageApp(db, {
        deadLetterLimits: { maxEvents: 3, maxPayloadBytes: 200 },
      });
      await app
        .post()
        .send(Array.from({ length: 5 }, () => ({ eventType: 'START' })));
      const list = await app.get('/openlineage/dead-letters?limit=2');
      expect(list.body.total).toBe(3);
      expect(
        list.body.deadLetters.map((d: { index: number }) => d.index),
      ).toEqual([4, 3]);
      const next = await app.get(
        `/openlineage/dead-letters?before=${list.body.deadLetters[1].id}`,
      );
      expect(
        next.body.deadLetters.map((d: { index: number }) => d.index),
      ).toEqual([2]);

      await app.post().send([noTime]);
      const [big] = (await app.get('/openlineage/dead-letters?limit=1')).body
        .deadLetters;
      expect(big).toMatchObject({ replayable: false });
      expect(big.payloadSize).toBeGreaterThan(200);
      const replay = await app
        .post('/openlineage/dead-letters/replay')
        .send({ ids: [big.id] });
      expect(replay.body.refusals[0].message).toBe(
        'was larger than deadLetters.maxPayloadSize when it was refused: its payload was not kept',
      );
    });

    it('replays a dead letter that is an array or no JSON as one event, refused again', async () => {
      const db = await databases.init(databaseId);
      const app = await openLineageApp(db);
      const sent = await app
        .post()
        .set('Content-Type', 'application/x-ndjson')
        .send(`[${JSON.stringify(twoInputs)}]\n{"eventType":`);
      expect(sent.status).toBe(400);
      const replay = await app
        .post('/openlineage/dead-letters/replay')
        .send({});
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({
        received: 2,
        accepted: 0,
        refused: 2,
      });
      expect(
        replay.body.refusals.map((r: { message: string }) => r.message),
      ).toEqual([
        'must be a JSON object',
        expect.stringMatching(/^is not valid JSON/),
      ]);
      expect(await app.ingestor.eventLog.count()).toBe(0);
    });

    it('is for holders of dataplatform.openlineage.admin only, and names bad parameters', async () => {
      const db = await databases.init(databaseId);
      const senderOnly = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              r.permission.name === 'dataplatform.openlineage.admin'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      });
      const app = await openLineageApp(db, { permissions: senderOnly });
      expect((await app.post().send([noTime])).status).toBe(400);
      const user = `Bearer ${mockCredentials.user.token()}`;
      for (const call of [
        request(app.app).get('/openlineage/dead-letters'),
        request(app.app).get('/openlineage/dead-letters/1'),
        request(app.app).post('/openlineage/dead-letters/replay').send({}),
      ]) {
        const response = await call.set('Authorization', user);
        expect(response.status).toBe(403);
        expect(response.body.error.message).toBe(
          'Not allowed to administer the OpenLineage ingestion (dataplatform.openlineage.admin)',
        );
      }
      expect(
        (await request(app.app).get('/openlineage/dead-letters')).status,
      ).toBe(401);

      const admin = await openLineageApp(db);
      const bad = await admin.get('/openlineage/dead-letters?limit=0&before=x');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^limit: .*; before: /);
      expect((await admin.get('/openlineage/dead-letters/999')).status).toBe(
        404,
      );
      const badIds = await admin
        .post('/openlineage/dead-letters/replay')
        .send({ ids: ['1; DROP TABLE x'] });
      expect(badIds.status).toBe(400);
    });
  },
);
