import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  EndpointPii,
  PiiFindingsPage,
} from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import request from 'supertest';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { PiiQueries } from '../services/PiiPropagation/PiiQueries';
import {
  endpointRef,
  piiTestbed,
} from '../services/PiiPropagation/__testUtils__/piiTestbed';
import { createRouter } from './createRouter';
import { piiRoutes } from './piiRoutes';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const entity = (name: string): Entity => ({
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'DataEndpoint',
  metadata: { name, namespace: 'default' },
  spec: {},
});

/**
 * users.email -> vault.email (restricted) -> newsletter.address (declared
 * none) -> mailing.contact (no mark); users -> user_counts at dataset level.
 * The caller may read every endpoint but vault, or, as a service, all.
 */
async function app(databaseId: TestDatabaseId) {
  const bed = await piiTestbed(await databases.init(databaseId));
  await bed.endpoint('users', { email: 'pseudonymize' });
  await bed.endpoint('vault', { email: null }, 'group:default/security');
  await bed.endpoint('newsletter', { address: 'none' });
  await bed.endpoint('mailing', { contact: null, sent_at: null });
  await bed.endpoint('user_counts', { country: null });
  await bed.flow('to_vault', 'users', 'vault', [['email', 'email']]);
  await bed.flow('from_vault', 'vault', 'newsletter', [['email', 'address']]);
  await bed.flow('mail', 'newsletter', 'mailing', [['address', 'contact']]);
  await bed.flow('count', 'users', 'user_counts', []);
  await bed.propagator.recomputeAll();

  const readable = ['users', 'newsletter', 'mailing', 'user_counts'].map(
    entity,
  );
  const catalog = catalogServiceMock({ entities: readable });
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async (_requests, options) =>
      [
        (options.credentials.principal as any).type === 'service'
          ? { result: AuthorizeResult.ALLOW }
          : {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'HAS_LABEL',
                resourceType: 'catalog-entity',
                params: { label: 'public' },
              },
            },
      ] as any,
  });
  const server = express();
  server.use(
    createRouter([
      piiRoutes({
        httpAuth: mockServices.httpAuth(),
        queries: new PiiQueries(bed),
        reads: new CatalogReadAccess({ catalog, permissions }),
      }),
    ]),
  );
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { server, bed };
}

const user = `Bearer ${mockCredentials.user.token('user:default/alice')}`;
const service = `Bearer ${mockCredentials.service.token()}`;

describe.each(databases.eachSupportedId())('PII routes on %s', databaseId => {
  it('answers 400 naming the bad field', async () => {
    const { server } = await app(databaseId);
    const noRef = await request(server)
      .get('/pii/endpoint')
      .set('Authorization', user);
    expect(noRef.status).toBe(400);
    expect(noRef.body.error.message).toMatch(/^ref: /);
    const badLimit = await request(server)
      .get('/pii/findings?limit=0')
      .set('Authorization', user);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/^limit: must be at least 1/);
    const badOwner = await request(server)
      .get(`/pii/findings?owner=${'x'.repeat(513)}`)
      .set('Authorization', user);
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.message).toMatch(
      /^owner: must be at most 512 characters/,
    );
  });

  it('shows an endpoint its columns and findings, unnaming hops it may not read', async () => {
    const { server } = await app(databaseId);
    const res = await request(server)
      .get(
        `/pii/endpoint?ref=${encodeURIComponent(
          'dataendpoint:default/mailing',
        )}`,
      )
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const body: EndpointPii = res.body;
    expect(body.columns).toEqual([
      {
        column: 'contact',
        derived: [
          {
            certainty: 'derived',
            classification: 'pseudonymize',
            path: [
              expect.objectContaining({ title: 'users', column: 'email' }),
              { node: '', title: '', hidden: true },
              expect.objectContaining({
                title: 'newsletter',
                column: 'address',
              }),
              expect.objectContaining({
                node: endpointRef('mailing'),
                column: 'contact',
                via: 'openlineage:job:airflow/mail',
              }),
            ],
          },
        ],
      },
    ]);
    expect(body.findings).toEqual([
      expect.objectContaining({
        endpoint: endpointRef('mailing'),
        column: 'contact',
        kind: 'undeclared',
        owner: 'group:default/listening',
        message:
          'contact receives pseudonymize personal data from email of users but has no PII mark.',
      }),
    ]);
    expect(body.computedAt).toEqual(expect.any(String));

    const hidden = await request(server)
      .get('/pii/endpoint?ref=dataendpoint:default/vault')
      .set('Authorization', user);
    expect(hidden.status).toBe(404);
    const counts = await request(server)
      .get('/pii/endpoint?ref=user_counts')
      .set('Authorization', user);
    expect(counts.body.columns).toEqual([
      {
        column: 'country',
        derived: [
          expect.objectContaining({
            certainty: 'mayContain',
            classification: 'pseudonymize',
          }),
        ],
      },
    ]);
  });

  it('pages findings by owner, leaving out and counting hidden endpoints', async () => {
    const { server } = await app(databaseId);
    const all = await request(server)
      .get('/pii/findings')
      .set('Authorization', service);
    const mine: PiiFindingsPage = all.body;
    expect(mine.items.map(f => [f.endpoint, f.column ?? '', f.kind])).toEqual([
      [endpointRef('mailing'), 'contact', 'undeclared'],
      [endpointRef('newsletter'), 'address', 'declaredNone'],
      [endpointRef('user_counts'), '', 'undeclared'],
      [endpointRef('vault'), 'email', 'undeclared'],
    ]);
    expect(all.body.hidden).toBeUndefined();

    const forUser = await request(server)
      .get('/pii/findings?limit=1&offset=1')
      .set('Authorization', user);
    expect(forUser.body).toMatchObject({ total: 3, hidden: 1 });
    expect(forUser.body.items).toEqual([
      expect.objectContaining({
        endpoint: endpointRef('newsletter'),
        message:
          'address is declared pii: none but receives pseudonymize personal data from email of users.',
        since: '2026-12-21T09:00:00.000Z',
      }),
    ]);

    const security = await request(server)
      .get('/pii/findings?owner=security')
      .set('Authorization', user);
    expect(security.body).toEqual({ items: [], total: 0, hidden: 1 });
  });
});
