import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { SearchEngine } from '@backstage/plugin-search-common';
import type { SchemaFieldHit } from '@dataplatform/backstage-plugin-data-platform-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SchemaFieldCollatorFactory } from './SchemaFieldCollatorFactory';

jest.setTimeout(60_000);

const baseUrl = 'http://data-platform.test/api/data-platform';

const field = (
  entityRef: string,
  path: string,
  more: Partial<SchemaFieldHit> = {},
): SchemaFieldHit => ({
  path,
  name: path.split('.').pop()!,
  type: 'STRING',
  mode: 'NULLABLE',
  pii: 'none',
  entityRef,
  entityKind: entityRef.startsWith('eventtype') ? 'EventType' : 'DataEndpoint',
  entityTitle: entityRef.split('/')[1],
  owner: 'group:default/listening',
  schemaRef: entityRef,
  ...more,
});

const fields = [
  field('eventtype:default/track-played', 'user_id', {
    entityTitle: 'Track Played',
    description: 'Who played the track',
    pii: 'pseudonymize',
    mode: 'REQUIRED',
  }),
  field('eventtype:default/track-played', 'context.device.os', {
    entityTitle: 'Track Played',
    description: 'Operating system of the device',
  }),
  field('dataendpoint:default/plays-daily', 'plays', { type: 'INT64' }),
];

describe('SchemaFieldCollatorFactory', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: URL[] = [];

  beforeEach(() => {
    requests.length = 0;
    // The backend's stream: two fields a page, service tokens only.
    server.use(
      http.get(`${baseUrl}/fields/documents`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        if (!request.headers.get('authorization')?.includes('data-platform')) {
          return HttpResponse.json({ error: {} }, { status: 401 });
        }
        const at = Number(url.searchParams.get('after') ?? 0);
        const limit = Number(url.searchParams.get('limit'));
        const next = at + limit;
        return HttpResponse.json({
          items: fields.slice(at, next),
          ...(next < fields.length ? { nextCursor: String(next) } : {}),
        });
      }),
    );
  });

  const factory = () =>
    new SchemaFieldCollatorFactory({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => baseUrl,
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      pageSize: 2,
    });

  it('turns every field into a document that opens the entity at the field', async () => {
    const { documents } = await TestPipeline.fromCollator(
      await factory().getCollator(),
    ).execute();
    expect(requests.map(r => r.searchParams.get('after'))).toEqual([null, '2']);
    expect(documents).toHaveLength(3);
    expect(documents[0]).toEqual({
      title: 'user_id',
      text: 'Who played the track STRING',
      location: '/catalog/default/eventtype/track-played?field=user_id',
      path: 'user_id',
      type: 'STRING',
      mode: 'REQUIRED',
      pii: 'pseudonymize',
      kind: 'EventType',
      owner: 'group:default/listening',
      entityRef: 'eventtype:default/track-played',
      entityTitle: 'Track Played',
      authorization: { resourceRef: 'eventtype:default/track-played' },
    });
    expect(documents[1].location).toBe(
      '/catalog/default/eventtype/track-played?field=context.device.os',
    );
    expect(factory().type).toBe('data-platform-field');
    expect(factory().visibilityPermission.name).toBe('catalog.entity.read');
  });

  it('fails the collation when the backend does', async () => {
    server.use(
      http.get(`${baseUrl}/fields/documents`, () =>
        HttpResponse.json({ error: { message: 'down' } }, { status: 503 }),
      ),
    );
    const { documents, error } = await TestPipeline.fromCollator(
      await factory().getCollator(),
    ).execute();
    expect(documents).toEqual([]);
    expect(String(error)).toMatch(/503/);
  });

  async function indexAndFind(engine: SearchEngine, term: string) {
    const indexer = await engine.getIndexer('data-platform-field');
    await TestPipeline.fromCollator(await factory().getCollator())
      .withIndexer(indexer)
      .execute();
    const { results } = await engine.query({
      term,
      types: ['data-platform-field'],
    });
    return results.map(r => r.document.title);
  }

  it('is indexed and found by the Lunr engine', async () => {
    const engine = new LunrSearchEngine({
      logger: mockServices.logger.mock(),
    });
    // Lunr also matches near terms; the field itself ranks first.
    expect((await indexAndFind(engine, 'user_id'))[0]).toBe('user_id');
    expect(await indexAndFind(engine, 'operating')).toEqual([
      'context.device.os',
    ]);
  });

  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  it.each(databases.eachSupportedId())(
    'is indexed and found by the PostgreSQL engine (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const engine = await PgSearchEngine.fromConfig(new ConfigReader({}), {
        database: { getClient: async () => knex },
      });
      expect(await indexAndFind(engine, 'user_id')).toEqual(['user_id']);
      expect(await indexAndFind(engine, 'operating system')).toEqual([
        'context.device.os',
      ]);
    },
  );
});
