import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataPlatform from '@dataplatform/backstage-plugin-catalog-backend-module-data-platform';
import type {
  SchemaFieldDocumentsResponse,
  SchemaFieldSearchResponse,
} from '@dataplatform/backstage-plugin-data-platform-common';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';
import { entityProviderModule } from '../services/CatalogSync/__testUtils__/entityProviderModule';
import { restrictedLabelReadsFactory } from '../services/LineageIndex/__testUtils__/restrictedLabelReads';

jest.setTimeout(120_000);

/*
 * GET /fields and /fields/documents in a backend with a real catalog whose
 * policy lets users read only entities without the `restricted` label.
 */

const apiVersion = 'dataplatform.io/v1alpha1';
const spec = { owner: 'group:default/listening', lifecycle: 'production' };
const entities: Entity[] = [
  {
    apiVersion,
    kind: 'EventType',
    metadata: { name: 'track-played', title: 'Track Played' },
    spec: {
      ...spec,
      schema: {
        revision: 1,
        fields: [
          { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
          {
            name: 'context',
            type: 'RECORD',
            fields: [{ name: 'user_id_hash', type: 'STRING' }],
          },
        ],
      },
      delivery: { partitioning: 'HOUR', retentionDays: 30 },
    },
  },
  {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name: 'plays-raw' },
    spec: {
      ...spec,
      owner: 'group:default/insights',
      type: 'bigquery-table',
      location: { project: 'acme-data', dataset: 'music', table: 'plays_raw' },
      schema: { eventType: 'track-played' },
    },
  },
  {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name: 'payroll', labels: { restricted: 'true' } },
    spec: {
      ...spec,
      type: 'bigquery-table',
      location: { project: 'acme-data', dataset: 'hr', table: 'payroll' },
      schema: { fields: [{ name: 'user_id', type: 'STRING' }] },
    },
  },
];

describe('schema field routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const user = `Bearer ${mockCredentials.user.token('user:default/alice')}`;
  const service = `Bearer ${mockCredentials.service.token()}`;
  const get = <T>(path: string, authorization: string) =>
    request(server)
      .get(`/api/data-platform/${path}`)
      .set('authorization', authorization)
      .then(res => ({ status: res.status, body: res.body as T }));

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataPlatform,
        entityProviderModule('field-routes-test', entities).module,
        restrictedLabelReadsFactory,
        schedulerServiceFactory,
        dataPlatformPlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: { rules: [{ allow: ['EventType', 'DataEndpoint'] }] },
            dataPlatform: {
              lineage: { catalogSyncInterval: { seconds: 1 } },
              health: { sweepInterval: 'P1D' },
            },
          },
        }),
      ],
    }));
    // The catalog processes the entities, then the field sync reads them.
    for (let tries = 0; ; tries++) {
      const { body } = await get<SchemaFieldSearchResponse>(
        'fields?query=user_id',
        service,
      );
      if (body.items?.length === 5) break;
      if (tries > 200) {
        throw new Error('the field index never caught up');
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });

  it('finds fields by name, exact names first, only of entities the user may read', async () => {
    const { status, body } = await get<SchemaFieldSearchResponse>(
      'fields?query=user_id',
      user,
    );
    expect(status).toBe(200);
    expect(body.items.map(f => `${f.entityTitle} ${f.path}`)).toEqual([
      'plays-raw user_id',
      'Track Played user_id',
      'plays-raw context.user_id_hash',
      'Track Played context.user_id_hash',
    ]);
    expect(body.hasMore).toBe(false);
    expect(body.items[1]).toMatchObject({
      entityRef: 'eventtype:default/track-played',
      entityKind: 'EventType',
      owner: 'group:default/listening',
      pii: 'pseudonymize',
      type: 'STRING',
      mode: 'NULLABLE',
    });
  });

  it('filters by kind, owner and PII, and pages', async () => {
    const refs = async (query: string) =>
      (
        await get<SchemaFieldSearchResponse>(`fields?${query}`, user)
      ).body.items.map(f => `${f.entityRef} ${f.path}`);
    expect(await refs('query=user&kind=EventType')).toEqual([
      'eventtype:default/track-played user_id',
      'eventtype:default/track-played context.user_id_hash',
    ]);
    expect(await refs('query=user&owner=insights&pii=personal')).toEqual([
      'dataendpoint:default/plays-raw user_id',
    ]);
    const page = await get<SchemaFieldSearchResponse>(
      'fields?query=user&limit=3&offset=2',
      user,
    );
    expect(page.body).toMatchObject({ offset: 2, limit: 3, hasMore: false });
    expect(page.body.items).toHaveLength(2);
    const first = await get<SchemaFieldSearchResponse>(
      'fields?query=user&limit=3',
      user,
    );
    expect(first.body.hasMore).toBe(true);
  });

  it('answers 400 naming the bad field', async () => {
    const bad = async (query: string) => {
      const { status, body } = await get<{ error: { message: string } }>(
        `fields?${query}`,
        user,
      );
      expect(status).toBe(400);
      return body.error.message;
    };
    expect(await bad('kind=EventType')).toMatch(/^query: /);
    expect(await bad('query=')).toMatch(/query: must not be empty/);
    expect(await bad('query=a&kind=Pipeline')).toMatch(/^kind: /);
    expect(await bad('query=a&pii=secret')).toMatch(/^pii: /);
    expect(await bad('query=a&owner=group%3A')).toMatch(/^owner: /);
    expect(await bad('query=a&limit=0')).toMatch(/^limit: /);
    expect(await bad('query=a&offset=-1')).toMatch(/^offset: /);
    expect(await bad('query=a%00b')).toMatch(/^query: /);
  });

  it('streams every field to services only, a page at a time', async () => {
    const forbidden = await get('fields/documents', user);
    expect(forbidden.status).toBe(403);

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const { status, body } = await get<SchemaFieldDocumentsResponse>(
        `fields/documents?limit=2${after ? `&after=${after}` : ''}`,
        service,
      );
      expect(status).toBe(200);
      seen.push(...body.items.map(f => `${f.entityRef} ${f.path}`));
      after = body.nextCursor;
    } while (after);
    // The stream is the collator's: search applies the read permission.
    expect(seen).toEqual([
      'dataendpoint:default/payroll user_id',
      'dataendpoint:default/plays-raw user_id',
      'dataendpoint:default/plays-raw context',
      'dataendpoint:default/plays-raw context.user_id_hash',
      'eventtype:default/track-played user_id',
      'eventtype:default/track-played context',
      'eventtype:default/track-played context.user_id_hash',
    ]);
    const bad = await get<{ error: { message: string } }>(
      'fields/documents?after=bm90LWpzb24',
      service,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^after: /);
  });
});
