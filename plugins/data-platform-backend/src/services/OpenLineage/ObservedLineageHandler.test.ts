import { TestDatabases } from '@backstage/backend-test-utils';
import { bigquery, columnLineage, runEvent } from './__fixtures__/events';
import {
  ingestionTestbed,
  RUN,
  validator,
} from './__testUtils__/ingestionTestbed';
import { ObservedLineageHandler } from './ObservedLineageHandler';
import { OpenLineageIngestor } from './OpenLineageIngestor';
import type { OpenLineageEventHandler } from '@dataplatform/backstage-plugin-data-platform-node';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'observed lineage from OpenLineage events on %s',
  databaseId => {
    const setup = () => ingestionTestbed(databases.init(databaseId));

    it('stores the column-lineage facet as column edges', async () => {
      const { ingestor, queries } = await setup();
      const plays = bigquery('plays_hourly');
      const daily = {
        ...bigquery('plays_daily_by_track'),
        facets: columnLineage({
          track_id: [{ input: plays, field: 'track_id' }],
          listener_hash: [
            {
              input: plays,
              field: 'user_id',
              subtype: 'TRANSFORMATION',
              masking: true,
            },
          ],
          streams: [
            { input: plays, field: 'play_id', subtype: 'AGGREGATION' },
            {
              input: plays,
              field: 'ms_played',
              type: 'INDIRECT',
              subtype: 'FILTER',
            },
          ],
        }),
      };
      await ingestor.ingest([runEvent({ outputs: [daily] })]);

      const upstream = await queries.columns({
        node: 'dataendpoint:default/plays-daily-by-track',
        column: 'streams',
        depth: 1,
      });
      expect(upstream.upstream).toEqual(
        expect.arrayContaining([
          {
            from: {
              node: 'dataendpoint:default/plays-hourly',
              column: 'play_id',
            },
            to: {
              node: 'dataendpoint:default/plays-daily-by-track',
              column: 'streams',
            },
            via: 'pipeline:default/plays-daily-aggregate',
            transformations: [
              { type: 'DIRECT', subtype: 'AGGREGATION', masking: false },
            ],
          },
          expect.objectContaining({
            from: {
              node: 'dataendpoint:default/plays-hourly',
              column: 'ms_played',
            },
            transformations: [
              { type: 'INDIRECT', subtype: 'FILTER', masking: false },
            ],
          }),
        ]),
      );
      const downstream = await queries.columns({
        node: 'dataendpoint:default/plays-hourly',
        column: 'user_id',
        depth: 1,
      });
      expect(downstream.downstream).toEqual([
        expect.objectContaining({
          to: {
            node: 'dataendpoint:default/plays-daily-by-track',
            column: 'listener_hash',
          },
          transformations: [
            { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true },
          ],
        }),
      ]);
    });

    it('reads the older column-lineage form and dataset-wide dependencies', async () => {
      const { ingestor, queries } = await setup();
      const plays = bigquery('plays_hourly');
      const facet = {
        columnLineage: {
          _producer: 'https://example.com/spark',
          _schemaURL:
            'https://openlineage.io/spec/facets/1-0-1/ColumnLineageDatasetFacet.json',
          fields: {
            country: {
              inputFields: [{ ...plays, field: 'country' }],
              transformationType: 'IDENTITY',
              transformationDescription: 'SELECT country',
            },
            user_hash: {
              inputFields: [{ ...plays, field: 'user_id' }],
              transformationType: 'MASKED',
            },
          },
          dataset: [
            {
              ...plays,
              field: 'is_test',
              transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }],
            },
          ],
        },
      };
      await ingestor.ingest([
        runEvent({
          outputs: [{ ...bigquery('plays_daily_by_track'), facets: facet }],
        }),
      ]);
      const node = 'dataendpoint:default/plays-daily-by-track';
      const country = await queries.columns({
        node,
        column: 'country',
        depth: 1,
      });
      expect(
        country.upstream.map(e => [e.from.column, e.transformations]),
      ).toEqual(
        expect.arrayContaining([
          [
            'country',
            [
              {
                type: 'DIRECT',
                subtype: 'IDENTITY',
                description: 'SELECT country',
                masking: false,
              },
            ],
          ],
          ['is_test', [{ type: 'INDIRECT', subtype: 'FILTER' }]],
        ]),
      );
      const hash = await queries.columns({
        node,
        column: 'user_hash',
        depth: 1,
      });
      expect(
        hash.upstream.map(e => [e.from.column, e.transformations]),
      ).toEqual(
        expect.arrayContaining([
          [
            'user_id',
            [{ type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true }],
          ],
        ]),
      );
    });

    it('keeps lastSeenAt to within the resolution, writing only what committed batches wrote', async () => {
      const { db, store } = await setup();
      const handler = new ObservedLineageHandler(store, {
        resolutionMs: 3_600_000,
      });
      let fail = false;
      const flaky: OpenLineageEventHandler = {
        name: 'flaky',
        handle: async () => {
          if (fail) throw new Error('lost connection');
        },
      };
      const ingestor = new OpenLineageIngestor({
        db,
        validator,
        handlers: [handler, flaky],
      });
      const lastSeen = async () =>
        (
          await db('lineage_edges')
            .whereNotNull('last_seen_at')
            .select('last_seen_at')
        )
          .map(r => new Date(Number(r.last_seen_at)).toISOString())
          .sort();
      const at = (eventTime: string, eventType = 'COMPLETE') =>
        runEvent({ eventType, eventTime, runId: RUN });

      await ingestor.ingest([at('2026-11-26T10:00:00.000Z', 'START')]);
      // Five minutes later: within the hour, not written again.
      await ingestor.ingest([at('2026-11-26T10:05:00.000Z')]);
      expect(await lastSeen()).toEqual([
        '2026-11-26T10:00:00.000Z',
        '2026-11-26T10:00:00.000Z',
      ]);
      // A rolled-back batch leaves nothing remembered...
      fail = true;
      await expect(
        ingestor.ingest([at('2026-11-26T11:30:00.000Z')]),
      ).rejects.toThrow();
      expect(await lastSeen()).toEqual([
        '2026-11-26T10:00:00.000Z',
        '2026-11-26T10:00:00.000Z',
      ]);
      // ...so the same event, sent again, is written.
      fail = false;
      await ingestor.ingest([at('2026-11-26T11:30:00.000Z')]);
      expect(await lastSeen()).toEqual([
        '2026-11-26T11:30:00.000Z',
        '2026-11-26T11:30:00.000Z',
      ]);
    });

    it('skips an event whose lineage was written within the resolution, counting from its least recently written edge', async () => {
      const { db, store } = await setup();
      const ingestor = new OpenLineageIngestor({
        db,
        validator,
        handlers: [
          new ObservedLineageHandler(store, { resolutionMs: 3_600_000 }),
        ],
      });
      const lastSeen = async () =>
        Object.fromEntries(
          (
            await db('lineage_edges')
              .join('lineage_nodes as f', 'f.id', 'lineage_edges.from_id')
              .join('lineage_nodes as t', 't.id', 'lineage_edges.to_id')
              .whereNotNull('last_seen_at')
              .select(
                db.raw(
                  "coalesce(f.ol_name, f.entity_ref) || ' -> ' || coalesce(t.ol_name, t.entity_ref) as edge",
                ),
                'last_seen_at',
              )
          ).map(r => [
            r.edge
              .split(' -> ')
              .map((node: string) => node.split('.').pop())
              .join(' -> '),
            new Date(Number(r.last_seen_at)).toISOString().slice(11, 16),
          ]),
        );
      const twoInputs = (eventTime: string) =>
        runEvent({
          eventType: 'COMPLETE',
          eventTime,
          runId: RUN,
          inputs: [bigquery('plays_hourly'), bigquery('users')],
        });

      await ingestor.ingest([
        runEvent({ eventType: 'START', eventTime: '2026-11-26T10:00:00Z' }),
      ]);
      // A new input: its edge is written, the known ones are not.
      await ingestor.ingest([twoInputs('2026-11-26T10:30:00Z')]);
      // The same lineage 50 minutes after its oldest edge was written: skipped.
      await ingestor.ingest([twoInputs('2026-11-26T10:50:00Z')]);
      expect(await lastSeen()).toEqual({
        'plays_hourly -> plays-daily-aggregate': '10:00',
        'plays-daily-aggregate -> plays_daily_by_track': '10:00',
        'users -> plays-daily-aggregate': '10:30',
      });
      // 70 minutes after its oldest edge: the edges older than the
      // resolution are written again, the newer one is not.
      await ingestor.ingest([twoInputs('2026-11-26T11:10:00Z')]);
      expect(await lastSeen()).toEqual({
        'plays_hourly -> plays-daily-aggregate': '11:10',
        'plays-daily-aggregate -> plays_daily_by_track': '11:10',
        'users -> plays-daily-aggregate': '10:30',
      });
      // New column lineage within the resolution is another signature:
      // its column edges are written.
      await ingestor.ingest([
        runEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-11-26T11:20:00Z',
          runId: RUN,
          inputs: [bigquery('plays_hourly'), bigquery('users')],
          outputs: [
            {
              ...bigquery('plays_daily_by_track'),
              facets: columnLineage({
                track_id: [
                  { input: bigquery('plays_hourly'), field: 'track_id' },
                ],
              }),
            },
          ],
        }),
      ]);
      expect(await db('lineage_column_edges').count({ n: '*' })).toEqual([
        { n: db.client.config.client === 'pg' ? '1' : 1 },
      ]);
    });
  },
);
