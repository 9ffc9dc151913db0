import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { migrateClient } from '../../database/migrations';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../LineageIndex/LineageQueries';
import { CatalogLineageSync } from './CatalogLineageSync';

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
      return { store, queries, syncWith };
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
      expect(result).toEqual({ seen: 5, updated: 5, removed: 0 });

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
      expect(await next.run()).toEqual({ seen: 5, updated: 2, removed: 1 });
      expect(next.byRefs).toHaveBeenCalledTimes(1);
      expect(next.byRefs.mock.calls[0][0].entityRefs.sort()).toEqual([
        'dataendpoint:default/plays-weekly',
        'pipeline:default/aggregate-plays',
      ]);

      const graph = await queries.graph({
        node: 'pipeline:default/aggregate-plays',
        direction: 'downstream',
        depth: 1,
        maxNodes: 10,
      });
      expect(graph.edges.map(e => e.to)).toEqual([
        'dataendpoint:default/plays-weekly',
      ]);
      await expect(
        queries.resolve('dataendpoint:default/plays-daily'),
      ).rejects.toThrow();
    });
  },
);
