import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrateClient } from '../../database/migrations';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../LineageIndex/LineageQueries';
import type { LineageEntityRecord } from '../LineageIndex/types';
import { bigquery, columnLineage, runEvent } from './__fixtures__/events';
import { AcceptedEvent } from './AcceptedEvent';
import { ObservedLineageHandler } from './ObservedLineageHandler';
import { parseEventBatch } from './parseEventBatch';
import { OpenLineageIngestor } from './OpenLineageIngestor';
import { OpenLineageValidator } from './OpenLineageValidator';
import type { OpenLineageEventHandler, ValidatedEvent } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const validator = OpenLineageValidator.fromPackage();

const RUN = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e';
const job = { namespace: 'airflow', name: 'plays-daily-aggregate' };
const start = runEvent({
  eventType: 'START',
  runId: RUN,
  eventTime: '2026-11-26T10:00:00.000Z',
});
const complete = runEvent({
  eventType: 'COMPLETE',
  runId: RUN,
  eventTime: '2026-11-26T10:05:00.000Z',
});

/** The catalog side: two endpoints and the pipeline between them. */
const catalog: LineageEntityRecord[] = [
  {
    entityRef: 'dataendpoint:default/plays-hourly',
    etag: '1',
    kind: 'DataEndpoint',
    title: 'plays-hourly',
    openLineage: bigquery('plays_hourly'),
    declaredEdges: [],
  },
  {
    entityRef: 'dataendpoint:default/plays-daily-by-track',
    etag: '1',
    kind: 'DataEndpoint',
    title: 'plays-daily-by-track',
    openLineage: bigquery('plays_daily_by_track'),
    declaredEdges: [],
  },
  {
    entityRef: 'pipeline:default/plays-daily-aggregate',
    etag: '1',
    kind: 'Pipeline',
    title: 'plays-daily-aggregate',
    openLineage: job,
    declaredEdges: [
      {
        from: 'dataendpoint:default/plays-hourly',
        to: 'pipeline:default/plays-daily-aggregate',
      },
    ],
  },
];

describe.each(databases.eachSupportedId())(
  'OpenLineage ingestion on %s',
  databaseId => {
    async function setup(
      options: {
        handlers?: OpenLineageEventHandler[];
        now?: () => number;
      } = {},
    ) {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new DatabaseLineageStore(db);
      await store.upsertEntities(structuredClone(catalog));
      const ingestor = new OpenLineageIngestor({
        db,
        validator,
        // lastSeenAt exact: every event writes its edges.
        handlers: [
          new ObservedLineageHandler(store, { resolutionMs: 0 }),
          ...(options.handlers ?? []),
        ],
        now: options.now,
      });
      return { db, store, ingestor, queries: new LineageQueries(db) };
    }

    const edgesOf = async (queries: LineageQueries, node: string) =>
      (
        await queries.graph({
          node,
          direction: 'both',
          depth: 1,
          maxNodes: 100,
        })
      ).edges
        .map(e => `${e.from} -> ${e.to} (${e.source}, ${e.lastSeenAt ?? '-'})`)
        .sort();

    it('stores events and maps their datasets and job onto catalog nodes', async () => {
      const { db, ingestor, queries } = await setup();
      const result = await ingestor.ingest([start, complete]);
      expect(result).toEqual({ received: 2, accepted: 2, duplicates: 0 });

      const rows = await db('openlineage_events').orderBy('id');
      expect(
        rows.map(r => [r.kind, r.event_type, r.run_id, r.job_name]),
      ).toEqual([
        ['RunEvent', 'START', RUN, 'plays-daily-aggregate'],
        ['RunEvent', 'COMPLETE', RUN, 'plays-daily-aggregate'],
      ]);
      expect(JSON.parse(rows[1].payload)).toEqual(complete);

      expect(
        await edgesOf(queries, 'pipeline:default/plays-daily-aggregate'),
      ).toEqual([
        'dataendpoint:default/plays-hourly -> pipeline:default/plays-daily-aggregate (both, 2026-11-26T10:05:00.000Z)',
        'pipeline:default/plays-daily-aggregate -> dataendpoint:default/plays-daily-by-track (observed, 2026-11-26T10:05:00.000Z)',
      ]);
    });

    it('keeps datasets and jobs the catalog does not know as unregistered nodes', async () => {
      const { ingestor, queries } = await setup();
      const scratch = {
        namespace: 'bigquery',
        name: 'tunewave-scratch.tmp.plays_sample',
      };
      await ingestor.ingest([
        runEvent({
          job: { namespace: 'airflow', name: 'adhoc-sample' },
          inputs: [bigquery('plays_hourly')],
          outputs: [scratch],
        }),
      ]);
      const graph = await queries.graph({
        node: 'dataendpoint:default/plays-hourly',
        direction: 'downstream',
        depth: 2,
        maxNodes: 100,
      });
      const byId = Object.fromEntries(graph.nodes.map(n => [n.id, n]));
      expect(byId['openlineage:job:airflow/adhoc-sample']).toMatchObject({
        kind: 'Job',
        registered: false,
        depth: 1,
      });
      expect(
        byId['openlineage:dataset:bigquery/tunewave-scratch.tmp.plays_sample'],
      ).toMatchObject({ kind: 'Dataset', registered: false, depth: 2 });
    });

    it('writes nothing of a batch with one invalid event', async () => {
      const { db, ingestor } = await setup();
      const bad = runEvent({ runId: 'not-a-uuid' });
      await expect(ingestor.ingest([start, bad, complete])).rejects.toThrow(
        /event 1 .*run\.runId \(\/run\/runId\) must match format "uuid"/,
      );
      expect(await ingestor.eventLog.count()).toBe(0);
      expect(await db('lineage_edges').whereNotNull('last_seen_at')).toEqual(
        [],
      );
    });

    it('hands handlers what they prepared, and lets go of parsed events it can parse again', async () => {
      const handled: { prepared: unknown; eventType: string }[] = [];
      const preparing: OpenLineageEventHandler = {
        name: 'preparing',
        prepare: e => `${e.kind} at ${e.eventTime}`,
        handle: async events => {
          for (const e of events) {
            handled.push({
              prepared: e.prepared?.get('preparing'),
              eventType: (e.event as any).eventType,
            });
          }
        },
      };
      const { db, ingestor } = await setup({ handlers: [preparing] });
      const batch = parseEventBatch(
        Buffer.from([start, complete].map(e => JSON.stringify(e)).join('\n')),
        true,
      );
      expect(await ingestor.ingestBatch(batch)).toEqual({
        received: 2,
        accepted: 2,
        duplicates: 0,
      });
      // The ingestion took the batch over; the events, read again, are the same.
      expect(batch.values).toEqual([]);
      expect(handled).toEqual([
        {
          prepared: `RunEvent at ${Date.parse(start.eventTime)}`,
          eventType: 'START',
        },
        {
          prepared: `RunEvent at ${Date.parse(complete.eventTime)}`,
          eventType: 'COMPLETE',
        },
      ]);
      const validated = validator.validate(
        [structuredClone(start)],
        [JSON.stringify(start)],
      );
      (validated[0] as unknown as AcceptedEvent).release();
      expect(validated[0].event).toEqual(start);
      const stored = await db('openlineage_events').orderBy('id');
      expect(stored.map(r => JSON.parse(r.payload))).toEqual([start, complete]);
    });

    it('rolls the batch back when a handler fails', async () => {
      const failing: OpenLineageEventHandler = {
        name: 'run-tracking',
        handle: async () => {
          throw new Error('disk full');
        },
      };
      const { db, ingestor } = await setup({ handlers: [failing] });
      await expect(ingestor.ingest([start])).rejects.toThrow(
        'OpenLineage handler run-tracking failed; the batch was not stored; caused by Error: disk full',
      );
      expect(await ingestor.eventLog.count()).toBe(0);
      expect(await db('lineage_edges').whereNotNull('last_seen_at')).toEqual(
        [],
      );
    });

    it('creates no duplicates when events are replayed, and hands only new events to handlers', async () => {
      const seen: string[][] = [];
      const recorder: OpenLineageEventHandler = {
        name: 'recorder',
        handle: async (events: ValidatedEvent[], tx: Knex.Transaction) => {
          expect(tx.isTransaction).toBe(true);
          seen.push(events.map(e => (e.event as any).eventType));
        },
      };
      const { db, ingestor } = await setup({ handlers: [recorder] });
      await ingestor.ingest([start, complete]);
      const edgesBefore = await db('lineage_edges').orderBy([
        'from_id',
        'to_id',
      ]);

      expect(await ingestor.ingest([complete, start, complete])).toEqual({
        received: 3,
        accepted: 0,
        duplicates: 3,
      });
      const fail = runEvent({ eventType: 'FAIL', runId: RUN });
      expect(await ingestor.ingest([fail, fail])).toEqual({
        received: 2,
        accepted: 1,
        duplicates: 1,
      });
      expect(await ingestor.eventLog.count()).toBe(3);
      expect(seen).toEqual([['START', 'COMPLETE'], ['FAIL']]);
      expect(await db('lineage_edges').orderBy(['from_id', 'to_id'])).toEqual(
        edgesBefore,
      );
    });

    it('gives the same lineage when a COMPLETE arrives before its START', async () => {
      const inOrder = await setup();
      await inOrder.ingestor.ingest([start]);
      await inOrder.ingestor.ingest([complete]);
      const reversed = await setup();
      await reversed.ingestor.ingest([complete]);
      await reversed.ingestor.ingest([start]);
      const node = 'pipeline:default/plays-daily-aggregate';
      expect(await edgesOf(reversed.queries, node)).toEqual(
        await edgesOf(inOrder.queries, node),
      );
      // Seen last at the COMPLETE's time, not at the late START's.
      expect((await edgesOf(reversed.queries, node))[1]).toContain(
        '2026-11-26T10:05:00.000Z',
      );
    });

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

    it('rebuilds the observed lineage from the raw events', async () => {
      const { db, store, ingestor, queries } = await setup();
      const scratch = {
        namespace: 'bigquery',
        name: 'tunewave-scratch.tmp.plays_sample',
      };
      await ingestor.ingest([
        start,
        complete,
        runEvent({
          job: { namespace: 'airflow', name: 'adhoc-sample' },
          outputs: [scratch],
        }),
      ]);
      const node = 'pipeline:default/plays-daily-aggregate';
      const before = await edgesOf(queries, node);
      const nodesBefore = await db('lineage_nodes').count({ n: '*' });

      // Lose the observed lineage, as a restore from an old backup would.
      await db.transaction(tx => store.forgetObservations(tx));
      expect(await edgesOf(queries, node)).toEqual([
        'dataendpoint:default/plays-hourly -> pipeline:default/plays-daily-aggregate (declared, -)',
      ]);
      expect(await db('lineage_nodes').whereNull('entity_ref')).toEqual([]);

      expect(await ingestor.rebuild()).toEqual({ events: 3 });
      expect(await edgesOf(queries, node)).toEqual(before);
      expect(await db('lineage_nodes').count({ n: '*' })).toEqual(nodesBefore);
    });

    it('prunes raw events older than the retention, and only those', async () => {
      let now = Date.parse('2026-11-01T00:00:00Z');
      const { ingestor } = await setup({ now: () => now });
      await ingestor.ingest([start]);
      now = Date.parse('2026-11-20T00:00:00Z');
      await ingestor.ingest([complete]);

      const cutoff = Date.parse('2026-11-10T00:00:00Z');
      expect(await ingestor.eventLog.prune(cutoff)).toBe(1);
      expect(await ingestor.eventLog.prune(cutoff)).toBe(0);
      const { events } = await ingestor.eventLog.page(0, 10);
      expect(events.map(e => (e.event as any).eventType)).toEqual(['COMPLETE']);
    });
  },
);
