import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { migrateClient } from '../../database/migrations';
import { swappableCatalog } from '../CatalogSync/__testUtils__/swappableCatalog';
import { DatabaseSchemaFieldStore } from './DatabaseSchemaFieldStore';
import { SchemaFieldSync } from './SchemaFieldSync';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const apiVersion = 'dataplatform.io/v1alpha1';
const T0 = '2026-12-20T10:00:00.000Z';

function stamped(entity: Entity, stamp: string): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { 'dataplatform.io/changed-at': stamp },
    },
  };
}

function eventType(name: string, fields: JsonObject[], etag = 'v1'): Entity {
  return {
    apiVersion,
    kind: 'EventType',
    metadata: { name, namespace: 'default', etag, title: `Event ${name}` },
    spec: {
      owner: 'listening',
      lifecycle: 'production',
      schema: { revision: 1, fields },
      delivery: { partitioning: 'HOUR', retentionDays: 30 },
    },
  };
}

function endpoint(
  name: string,
  schema: { eventType?: string; fields?: JsonObject[] },
  etag = 'v1',
): Entity {
  return {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name, namespace: 'default', etag },
    spec: {
      type: 'bigquery-table',
      owner: 'group:default/insights',
      lifecycle: 'production',
      location: { project: 'acme', dataset: 'music', table: name },
      schema,
    },
  };
}

const playFields = [
  { name: 'user_id', type: 'STRING', mode: 'REQUIRED', pii: 'pseudonymize' },
  {
    name: 'context',
    type: 'RECORD',
    fields: [
      {
        name: 'device',
        type: 'RECORD',
        fields: [{ name: 'os', type: 'STRING', description: 'Device OS' }],
      },
    ],
  },
];

const platform = () => [
  stamped(eventType('track-played', playFields), T0),
  stamped(endpoint('plays-raw', { eventType: 'track-played' }), T0),
  stamped(
    endpoint('plays-daily', {
      fields: [
        { name: 'user_id', type: 'STRING' },
        { name: 'plays', type: 'INT64' },
      ],
    }),
    T0,
  ),
  {
    apiVersion,
    kind: 'Pipeline',
    metadata: { name: 'aggregate', namespace: 'default', etag: 'p1' },
    spec: { owner: 'insights', lifecycle: 'production' },
  } as Entity,
];

describe.each(databases.eachSupportedId())(
  'schema field index on %s',
  databaseId => {
    async function setup(entities: Entity[]) {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new DatabaseSchemaFieldStore(db);
      const { catalog, replace, takeFetched } = swappableCatalog(entities);
      const clock = { now: Date.parse('2026-12-20T10:05:00Z') };
      const sync = new SchemaFieldSync({
        catalog,
        auth: mockServices.auth(),
        store,
        logger: mockServices.logger.mock(),
        timing: { reconcileIntervalMs: 60 * 60_000, changeWindowMs: 60_000 },
        now: () => clock.now,
      });
      return {
        db,
        store,
        replace,
        advance: (ms: number) => {
          clock.now += ms;
        },
        async run() {
          takeFetched();
          const result = await sync.run();
          return { ...result, fetched: takeFetched() };
        },
      };
    }

    const paths = async (store: DatabaseSchemaFieldStore, query: string) =>
      (await store.search({ query, limit: 50, offset: 0 })).map(
        h => `${h.entityRef} ${h.path}`,
      );

    it('holds every field of event types and endpoints, with an endpoint showing its event type', async () => {
      const { store, run } = await setup(platform());
      expect(await run()).toMatchObject({ mode: 'full', updated: 3 });
      expect(await store.countFields()).toBe(4 + 4 + 2);

      const [hit] = await store.search({
        query: 'context.device.os',
        kind: 'DataEndpoint',
        limit: 10,
        offset: 0,
      });
      expect(hit).toEqual({
        path: 'context.device.os',
        name: 'os',
        type: 'STRING',
        mode: 'NULLABLE',
        description: 'Device OS',
        pii: 'none',
        entityRef: 'dataendpoint:default/plays-raw',
        entityKind: 'DataEndpoint',
        entityTitle: 'plays-raw',
        owner: 'group:default/insights',
        schemaRef: 'eventtype:default/track-played',
      });
    });

    it('ranks fields named exactly the query first and filters by kind, owner and PII', async () => {
      const { store, run } = await setup([
        ...platform(),
        stamped(
          eventType('signup', [
            { name: 'user_id_hash', type: 'STRING' },
            { name: 'referrer_user_id', type: 'STRING' },
          ]),
          T0,
        ),
      ]);
      await run();
      // `_` is no wildcard: "user_id" does not match "userXid".
      expect(await paths(store, 'USER_ID')).toEqual([
        'eventtype:default/track-played user_id',
        'dataendpoint:default/plays-daily user_id',
        'dataendpoint:default/plays-raw user_id',
        'eventtype:default/signup user_id_hash',
        'eventtype:default/signup referrer_user_id',
      ]);
      const filtered = (q: object) =>
        store
          .search({ query: 'user_id', limit: 50, offset: 0, ...q })
          .then(hits => hits.map(h => h.entityRef));
      expect(await filtered({ kind: 'DataEndpoint' })).toEqual([
        'dataendpoint:default/plays-daily',
        'dataendpoint:default/plays-raw',
      ]);
      expect(await filtered({ owner: 'group:default/listening' })).toEqual([
        'eventtype:default/track-played',
        'eventtype:default/signup',
        'eventtype:default/signup',
      ]);
      expect(await filtered({ pii: 'personal' })).toEqual([
        'eventtype:default/track-played',
        'dataendpoint:default/plays-raw',
      ]);
      expect(
        await store.search({ query: 'user_id', limit: 2, offset: 3 }),
      ).toHaveLength(2);
    });

    it('re-flattens only changed entities, and an endpoint follows its event type', async () => {
      const { store, run, replace, advance } = await setup(platform());
      await run();
      advance(60_000);
      expect(await run()).toMatchObject({
        mode: 'changes',
        updated: 0,
        fetched: [],
      });

      const next = platform();
      next[0] = stamped(
        eventType(
          'track-played',
          [...playFields, { name: 'session_id', type: 'STRING' }],
          'v2',
        ),
        '2026-12-20T10:06:00.000Z',
      );
      replace(next);
      advance(60_000);
      expect(await run()).toMatchObject({
        mode: 'changes',
        updated: 1,
        fetched: ['eventtype:default/track-played'],
      });
      expect(await paths(store, 'session_id')).toEqual([
        'eventtype:default/track-played session_id',
        'dataendpoint:default/plays-raw session_id',
      ]);
    });

    it('drops the fields of removed entities', async () => {
      const { store, run, replace, advance } = await setup(platform());
      await run();
      replace(platform().filter(e => e.metadata.name !== 'plays-daily'));
      advance(60_000);
      expect(await run()).toMatchObject({ removed: 1 });
      expect(await paths(store, 'plays')).toEqual([]);
      expect(await store.countFields()).toBe(8);
    });

    it('pages through every field as documents', async () => {
      const { store, run } = await setup(platform());
      await run();
      const seen: string[] = [];
      let after;
      do {
        const page: Awaited<ReturnType<typeof store.documents>> =
          await store.documents(3, after);
        seen.push(...page.items.map(h => `${h.entityRef} ${h.path}`));
        after = page.next;
      } while (after);
      expect(seen).toHaveLength(10);
      expect(new Set(seen).size).toBe(10);
      expect(seen[0]).toBe('dataendpoint:default/plays-daily user_id');
    });
  },
);
