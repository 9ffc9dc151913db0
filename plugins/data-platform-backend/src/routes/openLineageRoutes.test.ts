import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import {
  bigquery,
  columnLineage,
  ndjson,
  runEvent,
} from '../services/OpenLineage/__fixtures__/events';
import { OPENLINEAGE_ENDPOINT } from './openLineageRoutes';
import {
  openLineageApp,
  OpenLineageAppOptions,
} from './__testUtils__/openLineageApp';
import type { OpenLineageEventHandler } from '@dataplatform/backstage-plugin-data-platform-node';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const runIds = [
  '0193a3c6-6b1e-7b6c-9d6a-000000000001',
  '0193a3c6-6b1e-7b6c-9d6a-000000000002',
];
const events = runIds.flatMap(runId => [
  runEvent({ runId, eventType: 'START', eventTime: '2026-11-26T10:00:00Z' }),
  runEvent({ runId, eventType: 'COMPLETE', eventTime: '2026-11-26T10:04:00Z' }),
]);
const serviceToken = mockCredentials.service.token();

describe.each(databases.eachSupportedId())(
  'POST /openlineage/api/v1/lineage on %s',
  databaseId => {
    const setup = (options: OpenLineageAppOptions = {}) =>
      databases.init(databaseId).then(db => openLineageApp(db, options));

    it('accepts one event as a JSON object', async () => {
      const { post, ingestor } = await setup();
      const response = await post().send(events[0]);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        received: 1,
        accepted: 1,
        duplicates: 0,
      });
      expect(await ingestor.eventLog.count()).toBe(1);
    });

    it('accepts a JSON array of events', async () => {
      const { post } = await setup();
      const response = await post().send(events);
      expect(response.body).toEqual({
        received: 4,
        accepted: 4,
        duplicates: 0,
      });
    });

    it('accepts NDJSON, blank lines included, and gzip; a replay stores nothing new', async () => {
      const { post, ingestor, db } = await setup();
      const body = `${ndjson(events.slice(0, 2))}\n${ndjson(events.slice(2))}`;
      const first = await post()
        .set('Content-Type', 'application/x-ndjson')
        .send(body);
      expect(first.body).toEqual({ received: 4, accepted: 4, duplicates: 0 });
      // The raw log keeps each event's line as received, and reads back
      // the events that were sent.
      const payloads = await db('openlineage_events')
        .orderBy('id')
        .pluck('payload');
      expect(payloads).toEqual(body.split('\n').filter(line => line.trim()));
      const stored = await ingestor.eventLog.page(0, 10);
      expect(stored.events.map(e => e.event)).toEqual(events);

      const replay = await post()
        .set('Content-Type', 'application/x-ndjson')
        .set('Content-Encoding', 'gzip')
        .send(gzipSync(body));
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual({ received: 4, accepted: 0, duplicates: 4 });
      expect(await ingestor.eventLog.count()).toBe(4);
    });

    it('stores the valid events of a batch, and answers which it refused and why', async () => {
      const { post, ingestor, deadLetters } = await setup();
      const { eventTime, ...noTime } = events[3];
      const response = await post().send([events[0], events[1], noTime]);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        received: 3,
        accepted: 2,
        duplicates: 0,
        refused: 1,
        refusals: [
          {
            index: 2,
            event:
              'RunEvent, eventType COMPLETE, runId 0193a3c6-6b1e-7b6c-9d6a-000000000002, job airflow/plays-daily-aggregate',
            pointer: '/eventTime',
            path: 'eventTime',
            message: 'is required',
          },
        ],
      });
      expect(await ingestor.eventLog.count()).toBe(2);
      expect((await deadLetters.list({ limit: 10 })).total).toBe(1);
    });

    it('refuses a batch without a valid event with a 400 naming each, keeping them as dead letters', async () => {
      const { post, ingestor, deadLetters } = await setup();
      const { eventTime, ...noTime } = events[3];
      const response = await post().send([noTime]);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message:
          'Invalid OpenLineage event, none was stored; they are kept as dead letters: event 0 (RunEvent, eventType COMPLETE, runId 0193a3c6-6b1e-7b6c-9d6a-000000000002, job airflow/plays-daily-aggregate): eventTime (/eventTime) is required',
      });
      expect(await ingestor.eventLog.count()).toBe(0);
      expect((await deadLetters.list({ limit: 10 })).total).toBe(1);
    });

    it('names the line of unparsable NDJSON, storing the other lines, and refuses an empty body', async () => {
      const { post } = await setup();
      const bad = await post()
        .set('Content-Type', 'application/x-ndjson')
        .send(`${JSON.stringify(events[0])}\n{"eventType":`);
      expect(bad.status).toBe(200);
      expect(bad.body).toMatchObject({ accepted: 1, refused: 1 });
      expect(bad.body.refusals[0].message).toMatch(
        /^is not valid JSON \(line 2: /,
      );
      const empty = await post()
        .set('Content-Type', 'application/json')
        .send('');
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toBe(
        'The request holds no OpenLineage events',
      );
    });

    it('requires Backstage credentials', async () => {
      const { app, ingestor } = await setup();
      const response = await request(app)
        .post(OPENLINEAGE_ENDPOINT)
        .send(events);
      expect(response.status).toBe(401);
      expect(await ingestor.eventLog.count()).toBe(0);
    });

    it('accepts a user whom the policy allows, and refuses one it denies', async () => {
      const allowed = await setup();
      const asUser = await request(allowed.app)
        .post(OPENLINEAGE_ENDPOINT)
        .set('Authorization', `Bearer ${mockCredentials.user.token()}`)
        .send(events[0]);
      expect(asUser.status).toBe(200);

      const denied = await setup({
        permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
      });
      const response = await request(denied.app)
        .post(OPENLINEAGE_ENDPOINT)
        .set('Authorization', `Bearer ${mockCredentials.user.token()}`)
        .send(events[0]);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(
        'dataplatform.openlineage.event.create',
      );
    });

    it('refuses a body over the size limit with a 413', async () => {
      const { post, ingestor } = await setup({ maxBodySize: '2kb' });
      const response = await post()
        .set('Content-Type', 'application/x-ndjson')
        .send(ndjson(events));
      expect(response.status).toBe(413);
      expect(response.body.error.message).toContain(
        'Request body exceeds 2kb (dataPlatform.openLineage.maxBodySize)',
      );
      expect(await ingestor.eventLog.count()).toBe(0);
    });

    it('answers a database error with a 500 that carries no SQL, logs it, and stores nothing', async () => {
      const failing: OpenLineageEventHandler = {
        name: 'warehouse-sync',
        handle: async (_events, tx) => {
          await tx.raw('select * from "warehouse_secret_table"');
        },
      };
      const { post, ingestor, logger } = await setup({ handlers: [failing] });
      const response = await post().send(events[0]);
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toMatch(
        /warehouse_secret_table|select|relation|no such table/i,
      );
      expect(response.body.error.message).toMatch(
        /^An internal error occurred logId=/,
      );
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(`POST ${OPENLINEAGE_ENDPOINT} failed, logId=`),
        expect.objectContaining({
          message: expect.stringContaining('warehouse_secret_table'),
        }),
      );
      expect(await ingestor.eventLog.count()).toBe(0);
    });

    it('refuses more events than maxEventsPerRequest with a 413, and events nested too deep', async () => {
      const { post, ingestor } = await setup({
        limits: { maxEvents: 3, maxDepth: 8 },
      });
      const tooMany = await post()
        .set('Content-Type', 'application/x-ndjson')
        .send(ndjson([...events, events[0]]));
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.error.message).toContain(
        'more than 3 events (dataPlatform.openLineage.maxEventsPerRequest)',
      );
      // A custom run facet 5,000 objects deep.
      const deep = JSON.stringify([
        runEvent({ runFacets: { custom: 'DEEP' } }),
      ]).replace('"DEEP"', `${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}`);
      const tooDeep = await post()
        .set('Content-Type', 'application/json')
        .send(deep);
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.error.message).toContain(
        'event 0: the event nests objects and arrays deeper than 8 levels',
      );
      expect(await ingestor.eventLog.count()).toBe(0);
    });

    it('makes the column-lineage facet queryable through GET /lineage/columns and /lineage/recorded-columns', async () => {
      const { app, post } = await setup();
      const plays = bigquery('plays_hourly');
      await post().send(
        runEvent({
          outputs: [
            {
              ...bigquery('plays_daily_by_track'),
              facets: columnLineage({
                streams: [
                  { input: plays, field: 'play_id', subtype: 'AGGREGATION' },
                ],
              }),
            },
          ],
        }),
      );
      const response = await request(app)
        .get('/lineage/columns')
        .query({
          node: 'openlineage:dataset:bigquery/tunewave-analytics.listening.plays_hourly',
          column: 'play_id',
        })
        .set('Authorization', `Bearer ${serviceToken}`);
      expect(response.status).toBe(200);
      expect(response.body.downstream).toEqual([
        {
          from: {
            node: 'openlineage:dataset:bigquery/tunewave-analytics.listening.plays_hourly',
            column: 'play_id',
          },
          to: {
            node: 'openlineage:dataset:bigquery/tunewave-analytics.listening.plays_daily_by_track',
            column: 'streams',
          },
          via: 'openlineage:job:airflow/plays-daily-aggregate',
          transformations: [
            { type: 'DIRECT', subtype: 'AGGREGATION', masking: false },
          ],
        },
      ]);

      // The columns there is lineage for, to pick from.
      const recorded = await request(app)
        .get('/lineage/recorded-columns')
        .query({
          node: 'openlineage:dataset:bigquery/tunewave-analytics.listening.plays_daily_by_track',
        })
        .set('Authorization', `Bearer ${serviceToken}`);
      expect(recorded.status).toBe(200);
      expect(recorded.body.columns).toEqual([
        { column: 'streams', upstream: 1, downstream: 0 },
      ]);
      const noNode = await request(app)
        .get('/lineage/recorded-columns')
        .set('Authorization', `Bearer ${serviceToken}`);
      expect(noNode.status).toBe(400);
      expect(noNode.body.error.message).toMatch(/^node: /);
      const noEdges = await request(app)
        .get('/lineage/columns')
        .query({
          node: 'openlineage:dataset:bigquery/tunewave-analytics.listening.plays_hourly',
          column: 'play_id',
          maxEdges: '0',
        })
        .set('Authorization', `Bearer ${serviceToken}`);
      expect(noEdges.status).toBe(400);
      expect(noEdges.body.error.message).toMatch(/^maxEdges: /);
    });

    it('answers a NUL character or an offset past a million in a lineage query with a 400, not a database error', async () => {
      const { app, post } = await setup();
      await post().send(runEvent({}));
      const job = 'openlineage:job:airflow/plays-daily-aggregate';
      for (const [path, query, field] of [
        ['/lineage/graph', { node: `${job}\u0000` }, 'node'],
        ['/lineage/path', { from: job, to: 'pipeline:default/\u0000' }, 'to'],
        ['/lineage/columns', { node: job, column: 'a\u0000' }, 'column'],
        ['/lineage/recorded-columns', { node: '\u0000' }, 'node'],
        ['/lineage/search', { q: 'plays\u0000' }, 'q'],
        ['/lineage/catalog-gaps', { offset: '99999999999999' }, 'offset'],
      ] as const) {
        const response = await request(app)
          .get(path)
          .query(query)
          .set('Authorization', `Bearer ${serviceToken}`);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 400,
        });
        expect(response.body.error.message).toMatch(new RegExp(`^${field}: `));
      }
    });

    it('lists what events show and the catalog lacks through GET /lineage/catalog-gaps', async () => {
      const { app, post } = await setup();
      await post().send(runEvent({}));
      const get = (query: Record<string, string>) =>
        request(app)
          .get('/lineage/catalog-gaps')
          .query(query)
          .set('Authorization', `Bearer ${serviceToken}`);

      const all = await get({});
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(3);
      expect(all.body.byKind).toEqual({ Dataset: 2, Job: 1 });
      expect(all.body.nodes[0]).toEqual({
        id: 'openlineage:job:airflow/plays-daily-aggregate',
        kind: 'Job',
        title: 'plays-daily-aggregate',
        registered: false,
        openLineage: { namespace: 'airflow', name: 'plays-daily-aggregate' },
        depth: 0,
        upstreamCount: 1,
        downstreamCount: 1,
        reason: 'openlineage-only',
        lastSeenAt: '2026-11-26T10:05:00.000Z',
      });
      const datasets = await get({ kind: 'Dataset', limit: '1' });
      expect(datasets.body.total).toBe(2);
      expect(datasets.body.nodes).toHaveLength(1);

      const bad = await get({ kind: 'Table', limit: '0' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^kind: .*; limit: /);
    });
  },
);
