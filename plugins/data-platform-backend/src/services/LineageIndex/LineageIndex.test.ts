import { TestDatabases } from '@backstage/backend-test-utils';
import {
  bq,
  endpoint,
  indexedPlatform,
  pipeline,
} from './__testUtils__/indexedPlatform';
import { DatabaseLineageStore } from './DatabaseLineageStore';
import { LineageQueries } from './LineageQueries';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'lineage index on %s',
  databaseId => {
    async function setup() {
      return indexedPlatform(await databases.init(databaseId));
    }

    /** An OpenLineage job seen reading the plays_daily table. */
    function observeReadOfPlaysDaily(
      store: DatabaseLineageStore,
      job: string,
      seenAt: number,
    ) {
      return store.recordObservation({
        seenAt,
        edges: [
          {
            from: { type: 'dataset', ...bq('plays_daily') },
            to: { type: 'job', namespace: 'airflow', name: job },
          },
        ],
        columnEdges: [],
      });
    }

    /** What reads plays-daily, one hop down. */
    function downstreamOfPlaysDaily(queries: LineageQueries) {
      return queries
        .graph({
          node: 'dataendpoint:default/plays-daily',
          direction: 'downstream',
          depth: 1,
          maxNodes: 10,
        })
        .then(g => g.nodes.map(n => n.id).sort());
    }

    it('walks declared lineage upstream and downstream to a depth', async () => {
      const { queries } = await setup();
      const graph = await queries.graph({
        node: 'dataendpoint:default/plays-clean',
        direction: 'both',
        depth: 2,
        maxNodes: 100,
      });
      const depths = Object.fromEntries(graph.nodes.map(n => [n.id, n.depth]));
      expect(depths).toEqual({
        'dataendpoint:default/plays-clean': 0,
        'pipeline:default/clean-plays': -1,
        'dataendpoint:default/plays-raw': -2,
        'pipeline:default/aggregate-plays': 1,
        'dataendpoint:default/plays-daily': 2,
      });
      expect(graph.edges).toContainEqual({
        from: 'dataendpoint:default/plays-clean',
        to: 'pipeline:default/aggregate-plays',
        source: 'declared',
      });
      const aggregate = graph.nodes.find(
        n => n.id === 'pipeline:default/aggregate-plays',
      )!;
      // tracks feeds it too, beyond what this walk returned.
      expect(aggregate.upstreamCount).toBe(2);
      expect(graph.cutoff).toBeUndefined();
    });

    it('marks a cutoff when the node cap is reached', async () => {
      const { queries } = await setup();
      const graph = await queries.graph({
        node: 'dataendpoint:default/plays-raw',
        direction: 'downstream',
        depth: 5,
        maxNodes: 3,
      });
      expect(graph.nodes).toHaveLength(3);
      expect(graph.cutoff).toEqual({
        reason: 'maxNodes',
        maxNodes: 3,
        frontier: ['dataendpoint:default/plays-clean'],
      });
    });

    it('merges observed lineage: both, observed-only and unregistered nodes', async () => {
      const { store, queries } = await setup();
      const seenAt = Date.parse('2026-11-26T10:00:00Z');
      await store.recordObservation({
        seenAt,
        edges: [
          {
            from: { type: 'dataset', ...bq('plays_raw') },
            to: { type: 'job', namespace: 'airflow', name: 'clean-plays' },
          },
          {
            from: { type: 'job', namespace: 'airflow', name: 'clean-plays' },
            to: { type: 'dataset', ...bq('plays_clean') },
          },
          {
            from: { type: 'job', namespace: 'airflow', name: 'clean-plays' },
            to: {
              type: 'dataset',
              namespace: 'bigquery',
              name: 'acme-data.scratch.tmp_plays',
            },
          },
        ],
        columnEdges: [],
      });
      const graph = await queries.graph({
        node: 'pipeline:default/clean-plays',
        direction: 'both',
        depth: 1,
        maxNodes: 100,
      });
      const bySource = Object.fromEntries(
        graph.edges.map(e => [`${e.from}>${e.to}`, e.source]),
      );
      expect(bySource).toEqual({
        'dataendpoint:default/plays-raw>pipeline:default/clean-plays': 'both',
        'pipeline:default/clean-plays>dataendpoint:default/plays-clean': 'both',
        'pipeline:default/clean-plays>openlineage:dataset:bigquery/acme-data.scratch.tmp_plays':
          'observed',
      });
      const scratch = graph.nodes.find(n => n.id.startsWith('openlineage:'))!;
      expect(scratch).toMatchObject({ kind: 'Dataset', registered: false });
      expect(graph.edges.find(e => e.source === 'observed')!.lastSeenAt).toBe(
        '2026-11-26T10:00:00.000Z',
      );
    });

    it('lets an entity registered later take over its observed node', async () => {
      const { store, queries } = await setup();
      await observeReadOfPlaysDaily(store, 'export-charts', 1);
      await store.upsertEntities([
        pipeline('export-charts', ['plays-daily'], []),
      ]);
      const graph = await queries.graph({
        node: 'pipeline:default/export-charts',
        direction: 'upstream',
        depth: 1,
        maxNodes: 10,
      });
      expect(graph.nodes.map(n => n.id).sort()).toEqual([
        'dataendpoint:default/plays-daily',
        'pipeline:default/export-charts',
      ]);
      expect(graph.edges).toEqual([
        expect.objectContaining({ source: 'both' }),
      ]);
    });

    it('replaces declared edges when an entity changes and forgets removed entities', async () => {
      const { store, queries } = await setup();
      await store.upsertEntities([
        {
          ...pipeline('aggregate-plays', ['plays-clean'], ['plays-daily']),
          etag: 'v2',
        },
      ]);
      let graph = await queries.graph({
        node: 'dataendpoint:default/tracks',
        direction: 'both',
        depth: 1,
        maxNodes: 10,
      });
      expect(graph.edges).toEqual([]);

      await store.removeEntities(['pipeline:default/aggregate-plays']);
      graph = await queries.graph({
        node: 'dataendpoint:default/plays-daily',
        direction: 'both',
        depth: 1,
        maxNodes: 10,
      });
      expect(graph.nodes.map(n => n.id)).toEqual([
        'dataendpoint:default/plays-daily',
      ]);
      await expect(
        queries.resolve('pipeline:default/aggregate-plays'),
      ).rejects.toThrow('No lineage node');
      expect(
        (await store.entityEtags()).get('pipeline:default/aggregate-plays'),
      ).toBeUndefined();
    });

    it('finds the shortest path along data flow', async () => {
      const { queries } = await setup();
      const path = await queries.path({
        from: 'component:default/player',
        to: 'dataendpoint:default/plays-daily',
        maxDepth: 20,
      });
      expect(path.path).toEqual([
        'component:default/player',
        'eventtype:default/track-played',
        'dataendpoint:default/plays-raw',
        'pipeline:default/clean-plays',
        'dataendpoint:default/plays-clean',
        'pipeline:default/aggregate-plays',
        'dataendpoint:default/plays-daily',
      ]);
      expect(path.edges).toHaveLength(6);
      const none = await queries.path({
        from: 'dataendpoint:default/plays-daily',
        to: 'component:default/player',
        maxDepth: 20,
      });
      expect(none.path).toEqual([]);
    });

    it('lists the nodes no catalog entity backs, most connected first', async () => {
      const { store, queries } = await setup();
      const seenAt = Date.parse('2026-11-26T10:00:00Z');
      const tmpPlays = {
        type: 'dataset' as const,
        namespace: 'bigquery',
        name: 'acme-data.scratch.tmp_plays',
      };
      await store.recordObservation({
        seenAt,
        edges: [
          {
            from: { type: 'job', namespace: 'airflow', name: 'clean-plays' },
            to: tmpPlays,
          },
          {
            from: tmpPlays,
            to: { type: 'job', namespace: 'airflow', name: 'scratch-copy' },
          },
        ],
        columnEdges: [],
      });
      await observeReadOfPlaysDaily(store, 'chart-export', seenAt - 86_400_000);

      const gaps = await queries.catalogGaps({ limit: 10, offset: 0 });
      expect(gaps.total).toBe(4);
      expect(gaps.byKind).toEqual({ Dataset: 1, Job: 2, Component: 1 });
      // Two edges first; then by the last event that showed them; the
      // producing component the event type's YAML names was never seen.
      expect(
        gaps.nodes.map(n => [n.id, n.reason, n.lastSeenAt ?? null]),
      ).toEqual([
        [
          'openlineage:dataset:bigquery/acme-data.scratch.tmp_plays',
          'openlineage-only',
          '2026-11-26T10:00:00.000Z',
        ],
        [
          'openlineage:job:airflow/scratch-copy',
          'openlineage-only',
          '2026-11-26T10:00:00.000Z',
        ],
        [
          'openlineage:job:airflow/chart-export',
          'openlineage-only',
          '2026-11-25T10:00:00.000Z',
        ],
        ['component:default/player', 'missing-entity', null],
      ]);
      expect(gaps.nodes[0]).toMatchObject({
        kind: 'Dataset',
        registered: false,
        upstreamCount: 1,
        downstreamCount: 1,
      });

      const jobs = await queries.catalogGaps({
        kind: 'Job',
        limit: 1,
        offset: 1,
      });
      expect(jobs.total).toBe(2);
      expect(jobs.byKind).toEqual(gaps.byKind);
      expect(jobs.nodes.map(n => n.id)).toEqual([
        'openlineage:job:airflow/chart-export',
      ]);

      // Registered under its OpenLineage name, the table is no gap any more.
      await store.upsertEntities([
        {
          ...endpoint('tmp-plays'),
          openLineage: { namespace: tmpPlays.namespace, name: tmpPlays.name },
        },
      ]);
      const after = await queries.catalogGaps({ limit: 10, offset: 0 });
      expect(after.byKind).toEqual({ Job: 2, Component: 1 });
      expect(after.nodes.map(n => n.id)).not.toContain(
        'openlineage:dataset:bigquery/acme-data.scratch.tmp_plays',
      );
    });

    it('searches by title and name, registered nodes first', async () => {
      const { queries } = await setup();
      const nodes = await queries.search('PLAYS-d', 10);
      expect(nodes.map(n => n.id)).toEqual([
        'dataendpoint:default/plays-daily',
      ]);
      const byTitle = await queries.search('track played', 10);
      expect(byTitle[0]).toMatchObject({
        id: 'eventtype:default/track-played',
        registered: true,
      });
    });

    it('matches _, % and \\ in a search literally', async () => {
      const { store, queries } = await setup();
      const job = (name: string) => ({
        type: 'job' as const,
        namespace: 'airflow',
        name,
      });
      await store.recordObservation({
        seenAt: 10,
        edges: [
          {
            from: { type: 'dataset', ...bq('raw_orders') },
            to: job('orders_dag'),
          },
          {
            from: { type: 'dataset', ...bq('rawXorders') },
            to: job('ordersXdag'),
          },
          { from: { type: 'dataset', ...bq('top_1%') }, to: job('top_10') },
          {
            from: { type: 'dataset', ...bq('win\\path') },
            to: job('winXpath'),
          },
        ],
        columnEdges: [],
      });
      const ids = async (query: string) =>
        (await queries.search(query, 50)).map(n => n.id).sort();

      expect(await ids('RAW_orders')).toEqual([
        'openlineage:dataset:bigquery/acme-data.music.raw_orders',
      ]);
      expect(await ids('orders_dag')).toEqual([
        'openlineage:job:airflow/orders_dag',
      ]);
      expect(await ids('1%')).toEqual([
        'openlineage:dataset:bigquery/acme-data.music.top_1%',
      ]);
      expect(await ids('n\\p')).toEqual([
        'openlineage:dataset:bigquery/acme-data.music.win\\path',
      ]);
    });

    it('gives every backend instance the same answer after a write', async () => {
      const { db, store, queries } = await setup();
      const other = new LineageQueries(db);
      const downstream = downstreamOfPlaysDaily;
      expect(await downstream(queries)).toEqual(await downstream(other));

      await observeReadOfPlaysDaily(store, 'chart-export', 10);
      const expected = [
        'dataendpoint:default/plays-daily',
        'openlineage:job:airflow/chart-export',
      ];
      expect(await downstream(queries)).toEqual(expected);
      expect(await downstream(other)).toEqual(expected);
    });

    it('answers from the graph in hand while it rebuilds in the background, then from the new one', async () => {
      const { store, db } = await setup();
      const queries = new LineageQueries(db, { reloadInBackground: true });
      const downstream = () => downstreamOfPlaysDaily(queries);
      expect(await downstream()).toEqual(['dataendpoint:default/plays-daily']);

      await observeReadOfPlaysDaily(store, 'chart-export', 10);
      // The first read after the write starts the rebuild and does not wait.
      expect(await downstream()).toEqual(['dataendpoint:default/plays-daily']);
      let answer = await downstream();
      for (let i = 0; i < 100 && answer.length === 1; i++) {
        await new Promise(resolve => setTimeout(resolve, 20));
        answer = await downstream();
      }
      expect(answer).toEqual([
        'dataendpoint:default/plays-daily',
        'openlineage:job:airflow/chart-export',
      ]);
      // A node the graph in hand does not know yet waits for the rebuild.
      await store.upsertEntities([endpoint('plays-weekly')]);
      const weekly = await queries.graph({
        node: 'dataendpoint:default/plays-weekly',
        direction: 'both',
        depth: 1,
        maxNodes: 10,
      });
      expect(weekly.nodes.map(n => n.id)).toEqual([
        'dataendpoint:default/plays-weekly',
      ]);
    });
  },
);
