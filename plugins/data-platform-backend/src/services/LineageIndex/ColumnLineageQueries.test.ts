import { TestDatabases } from '@backstage/backend-test-utils';
import { bq, indexedPlatform } from './__testUtils__/indexedPlatform';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'column lineage on %s',
  databaseId => {
    async function setup() {
      return indexedPlatform(await databases.init(databaseId));
    }

    it('follows column lineage up and down', async () => {
      const { store, queries } = await setup();
      const job = {
        type: 'job' as const,
        namespace: 'airflow',
        name: 'clean-plays',
      };
      await store.recordObservation({
        seenAt: 5,
        edges: [],
        columnEdges: [
          {
            from: { type: 'dataset', ...bq('plays_raw'), column: 'user_id' },
            to: { type: 'dataset', ...bq('plays_clean'), column: 'user_token' },
            via: job,
            transformations: [
              { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true },
            ],
          },
          {
            from: {
              type: 'dataset',
              ...bq('plays_clean'),
              column: 'user_token',
            },
            to: { type: 'dataset', ...bq('plays_daily'), column: 'listeners' },
            transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
          },
        ],
      });
      const columns = await queries.columns({
        node: 'dataendpoint:default/plays-clean',
        column: 'user_token',
        depth: 3,
      });
      expect(columns.upstream).toEqual([
        {
          from: { node: 'dataendpoint:default/plays-raw', column: 'user_id' },
          to: {
            node: 'dataendpoint:default/plays-clean',
            column: 'user_token',
          },
          via: 'pipeline:default/clean-plays',
          transformations: [
            { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true },
          ],
        },
      ]);
      expect(columns.downstream.map(e => e.to)).toEqual([
        { node: 'dataendpoint:default/plays-daily', column: 'listeners' },
      ]);
      expect(columns.cutoff).toBeUndefined();
      // A walk stops at maxEdges per side, and says on which.
      const capped = await queries.columns({
        node: 'dataendpoint:default/plays-raw',
        column: 'user_id',
        depth: 3,
        maxEdges: 1,
      });
      expect(capped.downstream.map(e => e.to.column)).toEqual(['user_token']);
      expect(capped.cutoff).toEqual({
        reason: 'maxEdges',
        maxEdges: 1,
        sides: ['downstream'],
      });
      // The nodes they name, to show them by title.
      expect(
        [...columns.nodes!].sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual([
        {
          id: 'dataendpoint:default/plays-clean',
          kind: 'DataEndpoint',
          title: 'plays-clean',
          registered: true,
        },
        {
          id: 'dataendpoint:default/plays-daily',
          kind: 'DataEndpoint',
          title: 'plays-daily',
          registered: true,
        },
        {
          id: 'dataendpoint:default/plays-raw',
          kind: 'DataEndpoint',
          title: 'plays-raw',
          registered: true,
        },
        {
          id: 'pipeline:default/clean-plays',
          kind: 'Pipeline',
          title: 'clean-plays',
          registered: true,
        },
      ]);

      // Which columns of a node have column lineage, to pick one from.
      await store.recordObservation({
        seenAt: 6,
        edges: [],
        columnEdges: [
          {
            from: { type: 'dataset', ...bq('plays_raw'), column: 'track_id' },
            to: { type: 'dataset', ...bq('plays_clean'), column: 'track_id' },
            transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
          },
          {
            from: { type: 'dataset', ...bq('plays_raw'), column: 'country' },
            to: { type: 'dataset', ...bq('plays_clean'), column: 'user_token' },
            transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }],
          },
        ],
      });
      expect(
        await queries.recordedColumns('dataendpoint:default/plays-clean'),
      ).toEqual({
        node: 'dataendpoint:default/plays-clean',
        columns: [
          { column: 'track_id', upstream: 1, downstream: 0 },
          { column: 'user_token', upstream: 2, downstream: 1 },
        ],
      });
      expect(
        await queries.recordedColumns('dataendpoint:default/plays-daily'),
      ).toEqual({
        node: 'dataendpoint:default/plays-daily',
        columns: [{ column: 'listeners', upstream: 1, downstream: 0 }],
      });
      expect(
        (await queries.recordedColumns('pipeline:default/clean-plays')).columns,
      ).toEqual([]);
      await expect(
        queries.recordedColumns('dataendpoint:default/nope'),
      ).rejects.toThrow('No lineage node "dataendpoint:default/nope"');
    });

    it('walks a column hop by hop through every column it reaches, and only those', async () => {
      const { store, queries } = await setup();
      const edge = (from: string, to: string) => {
        const [fromTable, fromColumn] = from.split('.');
        const [toTable, toColumn] = to.split('.');
        return {
          from: {
            type: 'dataset' as const,
            ...bq(fromTable),
            column: fromColumn,
          },
          to: { type: 'dataset' as const, ...bq(toTable), column: toColumn },
          transformations: [{ type: 'DIRECT' as const, subtype: 'IDENTITY' }],
        };
      };
      // Two columns of one table and one of another at hop 1; both of the
      // first feed daily.x. clean.z is not reached: its edge must not be.
      // wide.c0..c449 (more than one query's batch) each feed narrow.cN.
      await store.recordObservation({
        seenAt: 7,
        edges: [],
        columnEdges: [
          edge('raw.user_id', 'clean.a'),
          edge('raw.user_id', 'clean.b'),
          edge('raw.user_id', 'other.c'),
          edge('clean.a', 'daily.x'),
          edge('clean.b', 'daily.x'),
          edge('clean.b', 'daily.y'),
          edge('clean.z', 'daily.w'),
          ...Array.from({ length: 450 }, (_, i) => [
            edge('raw.track_id', `wide.c${i}`),
            edge(`wide.c${i}`, `narrow.c${i}`),
          ]).flat(),
        ],
      });
      const name = (end: { node: string; column: string }) =>
        `${end.node.split('.').pop()}.${end.column}`;
      const userId = await queries.columns({
        node: `openlineage:dataset:bigquery/${bq('raw').name}`,
        column: 'user_id',
        depth: 3,
      });
      expect(
        userId.downstream.map(e => `${name(e.from)}>${name(e.to)}`).sort(),
      ).toEqual([
        'clean.a>daily.x',
        'clean.b>daily.x',
        'clean.b>daily.y',
        'raw.user_id>clean.a',
        'raw.user_id>clean.b',
        'raw.user_id>other.c',
      ]);
      // Upstream from daily.x: both columns of clean, then raw.user_id once.
      const x = await queries.columns({
        node: `openlineage:dataset:bigquery/${bq('daily').name}`,
        column: 'x',
        depth: 3,
      });
      expect(
        x.upstream.map(e => `${name(e.from)}>${name(e.to)}`).sort(),
      ).toEqual([
        'clean.a>daily.x',
        'clean.b>daily.x',
        'raw.user_id>clean.a',
        'raw.user_id>clean.b',
      ]);
      const trackId = await queries.columns({
        node: `openlineage:dataset:bigquery/${bq('raw').name}`,
        column: 'track_id',
        depth: 2,
      });
      expect(trackId.downstream).toHaveLength(900);
      expect(new Set(trackId.downstream.map(e => name(e.to)))).toContain(
        'narrow.c449',
      );
      expect(trackId.cutoff).toBeUndefined();
      // The cap counts across the batches of one hop.
      const capped = await queries.columns({
        node: `openlineage:dataset:bigquery/${bq('raw').name}`,
        column: 'track_id',
        depth: 2,
        maxEdges: 600,
      });
      expect(capped.downstream).toHaveLength(600);
      expect(capped.cutoff?.sides).toEqual(['downstream']);
    });
  },
);
