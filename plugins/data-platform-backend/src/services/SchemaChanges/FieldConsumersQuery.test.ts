import { TestDatabases } from '@backstage/backend-test-utils';
import {
  bq,
  indexedPlatform,
  pipeline,
} from '../LineageIndex/__testUtils__/indexedPlatform';
import { FieldConsumersQuery } from './FieldConsumersQuery';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'consumers of event type fields on %s',
  databaseId => {
    // Track Played -> plays-raw -> clean-plays (column lineage recorded)
    //                          \-> royalties (declared only, no column lineage)
    async function setup() {
      const indexed = await indexedPlatform(await databases.init(databaseId));
      await indexed.store.upsertEntities([
        pipeline('royalties', ['plays-raw'], ['plays-daily']),
      ]);
      const via = {
        type: 'job' as const,
        namespace: 'airflow',
        name: 'clean-plays',
      };
      const column = (from: string, to: string) => ({
        from: { type: 'dataset' as const, ...bq('plays_raw'), column: from },
        to: { type: 'dataset' as const, ...bq('plays_clean'), column: to },
        via,
        transformations: [{ type: 'DIRECT' as const, subtype: 'IDENTITY' }],
      });
      // As OpenLineage records nested input fields: by their full path.
      await indexed.store.recordObservation({
        seenAt: 5,
        edges: [],
        columnEdges: [
          column('context.device.os', 'platform'),
          column('user_id', 'user_id'),
          // A hop further down, beyond the event type's graph.
          {
            from: { type: 'dataset', ...bq('plays_clean'), column: 'platform' },
            to: { type: 'dataset', ...bq('plays_daily'), column: 'platforms' },
            via: { type: 'job', namespace: 'airflow', name: 'aggregate-plays' },
            transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
          },
        ],
      });
      return new FieldConsumersQuery(indexed.queries);
    }
    const summary = (
      consumers: Record<string, { evidence: string; title: string }[]>,
    ) =>
      Object.fromEntries(
        Object.entries(consumers).map(([path, list]) => [
          path,
          list.map(c => `${c.evidence} ${c.title}`),
        ]),
      );

    it('finds what reads a nested field from column lineage, and endpoint readers without it', async () => {
      const query = await setup();
      const consumers = await query.consumersOf(
        'eventtype:default/track-played',
        ['context.device.os', 'context', 'context.country'],
      );
      expect(summary(consumers)).toEqual({
        'context.device.os': [
          'column clean-plays',
          'column plays-clean',
          'column aggregate-plays',
          'column plays-daily',
          'endpoint royalties',
        ],
        // The record around it: removing it breaks what reads inside it.
        context: [
          'column clean-plays',
          'column plays-clean',
          'column aggregate-plays',
          'column plays-daily',
          'endpoint royalties',
        ],
        // clean-plays' column lineage says it does not read this one.
        'context.country': ['endpoint royalties'],
      });
      expect(consumers['context.device.os'][0]).toMatchObject({
        id: 'pipeline:default/clean-plays',
        owner: 'group:default/insights',
        through: {
          endpoint: 'dataendpoint:default/plays-raw',
          endpointTitle: 'plays-raw',
          column: 'context.device.os',
        },
        columns: ['dataendpoint:default/plays-clean#platform'],
      });
      // Its owner is known though the graph stops two hops down.
      expect(consumers['context.device.os'][2]).toMatchObject({
        id: 'pipeline:default/aggregate-plays',
        owner: 'group:default/insights',
        columns: ['dataendpoint:default/plays-daily#platforms'],
      });
      expect(consumers['context.device.os'][4]).toMatchObject({
        id: 'pipeline:default/royalties',
        through: { endpoint: 'dataendpoint:default/plays-raw' },
      });
    });

    it('leaves out the consumers a user may not read', async () => {
      const query = await setup();
      const consumers = await query.consumersOf(
        'eventtype:default/track-played',
        ['context.device.os'],
        async refs =>
          new Set(refs.filter(r => r === 'pipeline:default/royalties')),
      );
      expect(summary(consumers)).toEqual({
        'context.device.os': [
          'column clean-plays',
          'column plays-clean',
          'column aggregate-plays',
          'column plays-daily',
        ],
      });
    });

    it('finds what reads the columns of a data endpoint as it does for an event type', async () => {
      const query = await setup();
      const consumers = await query.consumersOf(
        'dataendpoint:default/plays-clean',
        ['platform', 'user_id'],
      );
      // plays-clean's platform feeds aggregate-plays' platforms; no column
      // lineage was recorded for user_id, and aggregate-plays has some.
      expect(summary(consumers)).toEqual({
        platform: ['column aggregate-plays', 'column plays-daily'],
        user_id: [],
      });
      expect(consumers.platform[0]).toMatchObject({
        id: 'pipeline:default/aggregate-plays',
        through: {
          endpoint: 'dataendpoint:default/plays-clean',
          column: 'platform',
        },
      });
      // plays-raw's readers without column lineage read every column.
      const raw = await query.consumersOf('dataendpoint:default/plays-raw', [
        'track_id',
      ]);
      expect(summary(raw)).toEqual({ track_id: ['endpoint royalties'] });
    });
  },
);
