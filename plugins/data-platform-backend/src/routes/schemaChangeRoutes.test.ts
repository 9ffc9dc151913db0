import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import express from 'express';
import request from 'supertest';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { OwnerAccess } from '../services/OwnerAccess';
import {
  bq,
  indexedPlatform,
  pipeline,
} from '../services/LineageIndex/__testUtils__/indexedPlatform';
import { FieldConsumersQuery } from '../services/SchemaChanges/FieldConsumersQuery';
import { SchemaChangeDecisionStore } from '../services/SchemaChanges/SchemaChangeDecisionStore';
import { createRouter } from './createRouter';
import { schemaChangeRoutes } from './schemaChangeRoutes';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const trackPlayed = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'EventType',
  metadata: { name: 'track-played', namespace: 'default' },
  spec: { owner: 'playback' },
};

/** Alice is in Playback, Bob in Insights, Ada a platform administrator. */
const groups: Record<string, string[]> = {
  'user:default/alice': ['group:default/playback'],
  'user:default/bob': ['group:default/insights'],
  'user:default/ada': ['group:default/data-platform-admins'],
};

async function app(
  policy: 'refuse' | 'requireDecision',
  databaseId: TestDatabaseId = 'SQLITE_3',
) {
  const { db, store, queries } = await indexedPlatform(
    await databases.init(databaseId),
  );
  await store.upsertEntities([pipeline('royalties', ['plays-raw'], [])]);
  await store.recordObservation({
    seenAt: 5,
    edges: [],
    columnEdges: [
      {
        from: { type: 'dataset', ...bq('plays_raw'), column: 'ms_played' },
        to: { type: 'dataset', ...bq('plays_clean'), column: 'ms_played' },
        via: { type: 'job', namespace: 'airflow', name: 'clean-plays' },
        transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
      },
    ],
  });
  const sent: Parameters<NotificationService['send']>[0][] = [];
  const notifications: NotificationService = {
    send: async options => {
      sent.push(options);
    },
  };
  const catalog = catalogServiceMock({ entities: [trackPlayed] });
  const router = schemaChangeRoutes({
    httpAuth: mockServices.httpAuth(),
    logger: mockServices.logger.mock(),
    catalog,
    access: new CatalogReadAccess({
      catalog,
      permissions: mockServices.permissions(),
    }),
    owners: new OwnerAccess({
      userInfo: mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const ref = (credentials.principal as any).userEntityRef as string;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
          };
        },
      }),
      // As the policy module decides: administrators hold the override.
      permissions: mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(r => ({
            result:
              r.permission.name === 'dataplatform.schemaChange.decide' &&
              (options?.credentials.principal as any).userEntityRef ===
                'user:default/ada'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })) as any,
      }),
    }),
    consumers: new FieldConsumersQuery(queries),
    decisions: new SchemaChangeDecisionStore(db),
    notifications,
    config: { breakingConsumers: policy },
  });
  const server = express();
  server.use(createRouter([router]));
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { server, sent };
}

const user = (ref = 'user:default/alice') =>
  `Bearer ${mockCredentials.user.token(ref)}`;

const decision = {
  entityRef: 'eventtype:default/track-played',
  revision: 5,
  reason: 'ms_played moves to duration_ms; read it from there',
  idempotencyKey: 'task-1',
  changes: [
    { kind: 'field-removed', path: 'ms_played', description: 'removed' },
  ],
  consumers: [
    {
      id: 'pipeline:default/clean-plays',
      title: 'clean-plays',
      owner: 'group:default/insights',
      paths: ['ms_played'],
      through: 'plays-raw#ms_played -> plays-clean#ms_played',
    },
    {
      id: 'pipeline:default/royalties',
      title: 'royalties',
      owner: 'group:default/insights',
      paths: ['ms_played'],
      through: 'reads plays-raw',
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'schema change routes on %p',
  databaseId => {
    it('answers what reads each field, and the gate policy', async () => {
      const { server } = await app('requireDecision', databaseId);
      const response = await request(server)
        .post('/schema-changes/consumers')
        .set('Authorization', user())
        .send({
          entityRef: 'eventtype:default/track-played',
          paths: ['ms_played'],
        });
      expect(response.status).toBe(200);
      expect(response.body.policy).toBe('requireDecision');
      expect(
        response.body.consumers.ms_played.map(
          (c: { evidence: string; title: string }) =>
            `${c.evidence} ${c.title}`,
        ),
      ).toEqual([
        'column clean-plays',
        'column plays-clean',
        'endpoint royalties',
      ]);
    });

    it('refuses bad input naming the field, and an unknown event type', async () => {
      const { server } = await app('requireDecision', databaseId);
      const bad = await request(server)
        .post('/schema-changes/consumers')
        .set('Authorization', user())
        .send({ entityRef: 'pipeline:default/royalties', paths: [] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/entityRef: must be an EventType/);
      expect(bad.body.error.message).toMatch(/paths: /);
      const unknown = await request(server)
        .post('/schema-changes/consumers')
        .set('Authorization', user())
        .send({ entityRef: 'eventtype:default/nope', paths: ['a'] });
      expect(unknown.status).toBe(404);
    });

    it("records an owner's decision once, as the calling user, and notifies each consumer owner once", async () => {
      const { server, sent } = await app('requireDecision', databaseId);
      const post = () =>
        request(server)
          .post('/schema-changes/decisions')
          .set('Authorization', user())
          .send(decision);
      const first = await post();
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        entityRef: 'eventtype:default/track-played',
        revision: 5,
        decidedBy: 'user:default/alice',
        decidedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        notified: ['group:default/insights'],
      });
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/insights' },
          payload: expect.objectContaining({
            title: 'track-played revision 5 breaks clean-plays, royalties',
            severity: 'high',
            scope: 'schema-change:eventtype:default/track-played:5',
            link: '/catalog/default/eventtype/track-played/schema',
            description: expect.stringContaining(
              'user:default/alice decided to ship revision 5 of track-played: ms_played (removed). It breaks clean-plays reads ms_played (plays-raw#ms_played -> plays-clean#ms_played); royalties reads ms_played (reads plays-raw). Their reason: ms_played moves',
            ),
          }),
        },
      ]);
      // A retried task records and sends nothing new.
      const retry = await post();
      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(first.body.id);
      expect(sent).toHaveLength(1);

      const listed = await request(server)
        .get('/schema-changes/decisions')
        .query({ entityRef: 'eventtype:default/track-played' })
        .set('Authorization', user('user:default/bob'));
      expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([
        first.body.id,
      ]);
    });

    it('tells the caller whether they may decide: owners and administrators', async () => {
      const { server } = await app('requireDecision', databaseId);
      const ask = (ref: string) =>
        request(server)
          .post('/schema-changes/consumers')
          .set('Authorization', user(ref))
          .send({
            entityRef: 'eventtype:default/track-played',
            paths: ['ms_played'],
          });
      for (const [ref, mayDecide] of [
        ['user:default/alice', true],
        ['user:default/bob', false],
        ['user:default/ada', true],
      ] as const) {
        const response = await ask(ref);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          owner: 'group:default/playback',
          mayDecide,
        });
      }
    });

    it("refuses the decision of another team, naming the owners, and takes an administrator's", async () => {
      const { server, sent } = await app('requireDecision', databaseId);
      const other = await request(server)
        .post('/schema-changes/decisions')
        .set('Authorization', user('user:default/bob'))
        .send(decision);
      expect(other.status).toBe(403);
      expect(other.body.error.message).toBe(
        'Only the owners of eventtype:default/track-played (group:default/playback) or holders of dataplatform.schemaChange.decide may decide to break its consumers',
      );
      expect(sent).toEqual([]);
      const none = await request(server)
        .get('/schema-changes/decisions')
        .query({ entityRef: 'eventtype:default/track-played' })
        .set('Authorization', user('user:default/bob'));
      expect(none.body.items).toEqual([]);

      const admin = await request(server)
        .post('/schema-changes/decisions')
        .set('Authorization', user('user:default/ada'))
        .send({ ...decision, idempotencyKey: 'task-admin' });
      expect(admin.status).toBe(201);
      expect(admin.body).toMatchObject({
        decidedBy: 'user:default/ada',
        notified: ['group:default/insights'],
      });
      expect(sent).toHaveLength(1);
    });

    it('refuses a decision without a reason, from a service, or when the policy refuses', async () => {
      const { server, sent } = await app('requireDecision', databaseId);
      const short = await request(server)
        .post('/schema-changes/decisions')
        .set('Authorization', user())
        .send({ ...decision, reason: 'because' });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toMatch(/^reason: must say/);
      const service = await request(server)
        .post('/schema-changes/decisions')
        .set('Authorization', `Bearer ${mockCredentials.service.token()}`)
        .send(decision);
      expect(service.status).toBe(403);

      const refusing = await app('refuse', databaseId);
      const refused = await request(refusing.server)
        .post('/schema-changes/decisions')
        .set('Authorization', user())
        .send(decision);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/breakingConsumers: refuse/);
      expect([...sent, ...refusing.sent]).toEqual([]);
    });
  },
);
