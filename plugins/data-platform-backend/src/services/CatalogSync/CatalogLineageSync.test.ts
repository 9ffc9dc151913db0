import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { migrateClient } from '../../database/migrations';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../LineageIndex/LineageQueries';
import { swappableCatalog } from './__testUtils__/swappableCatalog';
import { CatalogLineageSync } from './CatalogLineageSync';
import { DatabaseMirrorState } from './MirrorState';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const apiVersion = 'dataplatform.io/v1alpha1';

function endpointEntity(name: string, etag = 'v1'): Entity {
  return {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name, namespace: 'default', etag },
    spec: {
      type: 'bigquery-table',
      owner: 'listening',
      lifecycle: 'production',
      location: {
        project: 'acme-data',
        dataset: 'music',
        table: name.replace(/-/g, '_'),
      },
    },
  };
}

function pipelineEntity(
  name: string,
  inputs: string[],
  outputs: string[],
  etag = 'v1',
): Entity {
  return {
    apiVersion,
    kind: 'Pipeline',
    metadata: { name, namespace: 'default', etag, title: `Pipeline ${name}` },
    spec: {
      owner: 'group:default/insights',
      lifecycle: 'production',
      engine: 'bigquery',
      schedule: { type: 'daily' },
      inputs,
      outputs,
    },
  };
}

const player: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'player', namespace: 'default', etag: 'c1' },
  spec: { type: 'service', owner: 'listening', lifecycle: 'production' },
  relations: [
    { type: 'producerOf', targetRef: 'eventtype:default/track-played' },
  ],
};

const trackPlayed: Entity = {
  apiVersion,
  kind: 'EventType',
  metadata: { name: 'track-played', namespace: 'default', etag: 'e1' },
  spec: {
    owner: 'listening',
    lifecycle: 'production',
    schema: { revision: 1, fields: [{ name: 'user_id', type: 'STRING' }] },
    delivery: { partitioning: 'HOUR', retentionDays: 30 },
    producers: ['player'],
  },
};

const unrelatedComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default', etag: 'w1' },
  spec: { type: 'website', owner: 'web', lifecycle: 'production' },
};

/** The endpoints a pipeline writes, as the index has them. */
async function writtenBy(queries: LineageQueries, pipeline: string) {
  const graph = await queries.graph({
    node: `pipeline:default/${pipeline}`,
    direction: 'downstream',
    depth: 1,
    maxNodes: 10,
  });
  return graph.edges.map(e => e.to);
}

describe.each(databases.eachSupportedId())(
  'catalog lineage sync on %s',
  databaseId => {
    async function setup() {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new DatabaseLineageStore(db);
      const queries = new LineageQueries(db);
      const syncWith = (entities: Entity[]) => {
        const catalog = catalogServiceMock({ entities });
        const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
        const sync = new CatalogLineageSync({
          catalog,
          auth: mockServices.auth(),
          store,
          logger: mockServices.logger.mock(),
          defaultJobNamespace: 'airflow',
        });
        return { run: () => sync.run(), byRefs };
      };
      /**
       * One sync following a catalog whose entities the test replaces, on a
       * clock the test moves; records the refs it fetches whole.
       */
      const follow = (entities: Entity[]) => {
        const { catalog, replace, takeFetched } = swappableCatalog(entities);
        const clock = { now: Date.parse('2026-11-27T10:00:00Z') };
        const logger = mockServices.logger.mock();
        const sync = new CatalogLineageSync({
          catalog,
          auth: mockServices.auth(),
          store,
          logger,
          defaultJobNamespace: 'airflow',
          timing: {
            reconcileIntervalMs: 10 * 60_000,
            changeWindowMs: 60_000,
            maxChanges: 3,
          },
          now: () => clock.now,
        });
        return {
          logger,
          replace,
          advance(ms: number) {
            clock.now += ms;
          },
          async run() {
            takeFetched();
            const result = await sync.run();
            return { ...result, fetched: takeFetched() };
          },
        };
      };
      return { db, store, queries, syncWith, follow };
    }

    const platform = [
      player,
      trackPlayed,
      unrelatedComponent,
      endpointEntity('plays-raw'),
      endpointEntity('plays-daily'),
      pipelineEntity('aggregate-plays', ['plays-raw'], ['plays-daily']),
    ];

    it('indexes the data-platform kinds and producing components with declared edges', async () => {
      const { queries, syncWith } = await setup();
      const result = await syncWith(platform).run();
      expect(result).toEqual({ mode: 'full', seen: 5, updated: 5, removed: 0 });

      const graph = await queries.graph({
        node: 'pipeline:default/aggregate-plays',
        direction: 'both',
        depth: 1,
        maxNodes: 50,
      });
      expect(graph.nodes.map(n => n.id).sort()).toEqual([
        'dataendpoint:default/plays-daily',
        'dataendpoint:default/plays-raw',
        'pipeline:default/aggregate-plays',
      ]);
      const pipeline = graph.nodes.find(n => n.kind === 'Pipeline')!;
      expect(pipeline).toMatchObject({
        title: 'Pipeline aggregate-plays',
        owner: 'group:default/insights',
        registered: true,
        openLineage: { namespace: 'airflow', name: 'aggregate-plays' },
      });
      const endpoint = graph.nodes.find(
        n => n.id === 'dataendpoint:default/plays-raw',
      )!;
      expect(endpoint.openLineage).toEqual({
        namespace: 'bigquery',
        name: 'acme-data.music.plays_raw',
      });

      const producers = await queries.graph({
        node: 'eventtype:default/track-played',
        direction: 'upstream',
        depth: 1,
        maxNodes: 10,
      });
      expect(producers.edges).toEqual([
        {
          from: 'component:default/player',
          to: 'eventtype:default/track-played',
          source: 'declared',
        },
      ]);
      await expect(
        queries.resolve('component:default/website'),
      ).rejects.toThrow();
    });

    it('refetches only changed entities and drops removed ones', async () => {
      const { queries, syncWith } = await setup();
      await syncWith(platform).run();

      const unchanged = syncWith(platform);
      expect(await unchanged.run()).toEqual({
        mode: 'full',
        seen: 5,
        updated: 0,
        removed: 0,
      });
      expect(unchanged.byRefs).not.toHaveBeenCalled();

      const edited = [
        player,
        trackPlayed,
        endpointEntity('plays-raw'),
        pipelineEntity(
          'aggregate-plays',
          ['plays-raw'],
          ['plays-weekly'],
          'v2',
        ),
        endpointEntity('plays-weekly'),
      ];
      const next = syncWith(edited);
      expect(await next.run()).toEqual({
        mode: 'full',
        seen: 5,
        updated: 2,
        removed: 1,
      });
      expect(next.byRefs).toHaveBeenCalledTimes(1);
      expect(next.byRefs.mock.calls[0][0].entityRefs.sort()).toEqual([
        'dataendpoint:default/plays-weekly',
        'pipeline:default/aggregate-plays',
      ]);

      expect(await writtenBy(queries, 'aggregate-plays')).toEqual([
        'dataendpoint:default/plays-weekly',
      ]);
      await expect(
        queries.resolve('dataendpoint:default/plays-daily'),
      ).rejects.toThrow();
    });

    describe('with changed-at stamps', () => {
      const EARLIER = '2026-11-27T08:00:00.000Z';
      const T0 = '2026-11-27T09:00:00.000Z';
      const T1 = '2026-11-27T10:00:30.000Z';
      const stamped = (entity: Entity, stamp: string, etag?: string) => ({
        ...entity,
        metadata: {
          ...entity.metadata,
          ...(etag ? { etag } : {}),
          annotations: { 'dataplatform.io/changed-at': stamp },
        },
      });
      const stampedPlatform = () => [
        player,
        stamped(trackPlayed, EARLIER),
        unrelatedComponent,
        stamped(endpointEntity('plays-raw'), EARLIER),
        stamped(endpointEntity('plays-daily'), EARLIER),
        stamped(
          pipelineEntity('aggregate-plays', ['plays-raw'], ['plays-daily']),
          T0,
        ),
      ];

      it('reads only the entities stamped since the last pass began, and producing components', async () => {
        const { queries, follow } = await setup();
        const sync = follow(stampedPlatform());
        expect(await sync.run()).toMatchObject({ mode: 'full', updated: 5 });

        // Nothing stamped since the last pass (less a minute): only the
        // producing component is read.
        expect(await sync.run()).toEqual({
          mode: 'changes',
          seen: 1,
          updated: 0,
          removed: 0,
          fetched: [],
        });

        const entities = stampedPlatform();
        entities[5] = stamped(
          pipelineEntity('aggregate-plays', ['plays-raw'], ['plays-weekly']),
          T1,
          'v2',
        );
        entities.push(stamped(endpointEntity('plays-weekly'), T1));
        sync.replace(entities);
        sync.advance(30_000);
        expect(await sync.run()).toEqual({
          mode: 'changes',
          seen: 3,
          updated: 2,
          removed: 0,
          fetched: [
            'dataendpoint:default/plays-weekly',
            'pipeline:default/aggregate-plays',
          ],
        });
        expect(await writtenBy(queries, 'aggregate-plays')).toEqual([
          'dataendpoint:default/plays-weekly',
        ]);

        // An edit stamped before the window is left to the next full pass.
        entities[3] = stamped(
          endpointEntity('plays-raw', 'v2'),
          '2026-11-27T09:30:00.000Z',
        );
        sync.replace(entities);
        expect(await sync.run()).toMatchObject({
          mode: 'changes',
          fetched: [],
        });
        sync.advance(10 * 60_000);
        expect(await sync.run()).toMatchObject({
          mode: 'full',
          updated: 1,
          fetched: ['dataendpoint:default/plays-raw'],
        });
      });

      it('picks up an entity stitched late, stamped within the window before the last pass', async () => {
        const { follow } = await setup();
        const entities = stampedPlatform();
        const sync = follow(entities);
        await sync.run();
        entities[4] = stamped(endpointEntity('plays-daily', 'v2'), T1);
        sync.replace(entities);
        sync.advance(30_000);
        expect(await sync.run()).toMatchObject({
          mode: 'changes',
          fetched: ['dataendpoint:default/plays-daily'],
        });
        // Stamped 25 s before that pass began, served only now.
        entities[3] = stamped(
          endpointEntity('plays-raw', 'v2'),
          '2026-11-27T10:00:05.000Z',
        );
        sync.replace(entities);
        sync.advance(20_000);
        expect(await sync.run()).toMatchObject({
          mode: 'changes',
          fetched: ['dataendpoint:default/plays-raw'],
        });
      });

      it('lists everything when an entity of the stamped kinds is gone', async () => {
        const { store, follow } = await setup();
        const entities = stampedPlatform();
        const sync = follow(entities);
        await sync.run();
        sync.replace(entities.filter((_, i) => i !== 4));
        expect(await sync.run()).toMatchObject({
          mode: 'full',
          seen: 4,
          removed: 1,
        });
        // Still the pipeline's declared output, no longer a catalog entity.
        expect(
          (await store.entityEtags()).has('dataendpoint:default/plays-daily'),
        ).toBe(false);
        expect(await sync.run()).toMatchObject({ mode: 'changes' });
      });

      it('follows producing components on every pass', async () => {
        const { queries, follow } = await setup();
        const entities = stampedPlatform();
        const sync = follow(entities);
        await sync.run();

        const renamed = {
          ...player,
          metadata: { ...player.metadata, etag: 'c2', title: 'Player 2' },
        };
        sync.replace([renamed, ...entities.slice(1)]);
        expect(await sync.run()).toMatchObject({
          mode: 'changes',
          updated: 1,
          fetched: ['component:default/player'],
        });
        expect((await queries.resolve('component:default/player')).title).toBe(
          'Player 2',
        );

        const retired = { ...renamed, relations: [] };
        sync.replace([retired, ...entities.slice(1)]);
        expect(await sync.run()).toMatchObject({
          mode: 'changes',
          removed: 1,
        });
      });

      it('lists everything when more entities changed than it reads one by one', async () => {
        const { follow } = await setup();
        const entities = stampedPlatform();
        const sync = follow(entities);
        await sync.run();
        const edited = entities.map((entity, i) =>
          i === 0 || i === 2 ? entity : stamped(entity, T1, 'v9'),
        );
        sync.replace(edited);
        expect(await sync.run()).toMatchObject({ mode: 'full', updated: 4 });
      });

      it('goes on from where another instance left off when they share a database state', async () => {
        const { store, db } = await setup();
        const entities = stampedPlatform();
        const { catalog, replace, takeFetched } = swappableCatalog(entities);
        const clock = { now: Date.parse('2026-11-27T10:00:00Z') };
        const instance = () =>
          new CatalogLineageSync({
            catalog,
            auth: mockServices.auth(),
            store,
            logger: mockServices.logger.mock(),
            defaultJobNamespace: 'airflow',
            timing: { changeWindowMs: 60_000 },
            state: new DatabaseMirrorState(db, 'lineage'),
            now: () => clock.now,
          });
        expect(await instance().run()).toMatchObject({ mode: 'full' });

        entities[5] = stamped(
          pipelineEntity('aggregate-plays', ['plays-raw'], ['plays-daily']),
          T1,
          'v2',
        );
        replace(entities);
        clock.now += 30_000;
        takeFetched();
        expect(await instance().run()).toMatchObject({
          mode: 'changes',
          updated: 1,
        });
        expect(takeFetched()).toEqual(['pipeline:default/aggregate-plays']);

        // The reconcile interval holds across instances too.
        clock.now += 10 * 60_000;
        expect(await instance().run()).toMatchObject({ mode: 'full' });
      });

      it('lists everything on every pass when the entities carry no stamps, and says why once', async () => {
        const { follow } = await setup();
        const sync = follow(
          stampedPlatform().map(e => ({
            ...e,
            metadata: { ...e.metadata, annotations: {} },
          })),
        );
        await sync.run();
        expect(await sync.run()).toMatchObject({ mode: 'full', updated: 0 });
        expect(sync.logger.warn).toHaveBeenCalledTimes(1);
        expect(sync.logger.warn).toHaveBeenCalledWith(
          expect.stringContaining('dataplatform.io/changed-at'),
        );
      });
    });
  },
);
