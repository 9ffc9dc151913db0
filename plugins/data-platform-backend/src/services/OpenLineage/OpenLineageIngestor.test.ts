import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { RunRecorder } from '../Health/runs/RunRecorder';
import { LineageQueries } from '../LineageIndex/LineageQueries';
import { bigquery, runEvent } from './__fixtures__/events';
import {
  ingestionTestbed,
  IngestionTestbedOptions,
  RUN,
  validator,
} from './__testUtils__/ingestionTestbed';
import { AcceptedEvent } from './AcceptedEvent';
import { parseEventBatch } from './parseEventBatch';
import type {
  OpenLineageEventHandler,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
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

describe.each(databases.eachSupportedId())(
  'OpenLineage ingestion on %s',
  databaseId => {
    const setup = (options?: IngestionTestbedOptions) =>
      ingestionTestbed(databases.init(databaseId), options);

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

    it('stores names as long as the columns hold and refuses longer ones, storing nothing', async () => {
      const db = await databases.init(databaseId);
      const { ingestor } = await ingestionTestbed(Promise.resolve(db), {
        handlers: [new RunRecorder(db)],
      });
      // 512 characters and 1,024 bytes each: the most a name may have.
      const namespace = 'ß'.repeat(512);
      const widest = (name: string) => ({
        namespace,
        name: 'é'.repeat(511) + name,
      });
      const failed = runEvent({
        eventType: 'FAIL',
        runId: RUN,
        job: widest('j'),
        inputs: [widest('i')],
        outputs: [widest('o')],
        runFacets: {
          errorMessage: {
            _producer: 'https://example.com/producer',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json',
            message: 'disk\u0000full \uD800',
            programmingLanguage: 'python',
          },
        },
      });
      expect(await ingestor.ingest([failed])).toMatchObject({ accepted: 1 });
      const [run] = await db('health_runs');
      expect(run).toMatchObject({
        job_namespace: namespace,
        job_name: widest('j').name,
        failure_reason: 'disk\uFFFDfull \uFFFD',
      });
      expect(
        await db('lineage_nodes').where('ol_namespace', namespace),
      ).toHaveLength(3);

      const longer = runEvent({ job: { namespace, name: 'é'.repeat(513) } });
      await expect(ingestor.ingest([longer])).rejects.toThrow(
        'job.name (/job/name) must be at most 512 characters (it has 513)',
      );
      expect(await ingestor.eventLog.count()).toBe(1);
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
      const batch = await parseEventBatch(
        Buffer.from([start, complete].map(e => JSON.stringify(e)).join('\n')),
        { ndjson: true },
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

    it('hands a re-send with another payload to the handlers once, as a revision a rebuild replays too', async () => {
      const seen: string[] = [];
      const recorder: OpenLineageEventHandler = {
        name: 'recorder',
        handle: async events => {
          for (const e of events) {
            seen.push(
              `${e.key.slice(0, 8)} ${(e.event as any).outputs.length}`,
            );
          }
        },
      };
      const { db, ingestor } = await setup({ handlers: [recorder] });
      const corrected = {
        ...complete,
        outputs: [...complete.outputs, bigquery('plays_by_country')],
      };
      expect(await ingestor.ingest([complete])).toMatchObject({ accepted: 1 });
      expect(await ingestor.ingest([corrected])).toMatchObject({
        received: 1,
        accepted: 0,
        duplicates: 0,
        conflicts: 1,
      });
      expect(await ingestor.ingest([corrected, complete])).toMatchObject({
        conflicts: 1,
        duplicates: 1,
      });
      const key = seen[0].split(' ')[0];
      expect(seen).toEqual([`${key} 1`, `${key} 2`]);
      expect(await db('openlineage_event_revisions').count({ n: '*' })).toEqual(
        [{ n: databaseId === 'POSTGRES_15' ? '1' : 1 }],
      );

      seen.length = 0;
      expect(await ingestor.rebuild()).toEqual({ events: 1 });
      expect(seen).toEqual([`${key} 1`, `${key} 2`]);
    });

    it('validates stored events again when it rebuilds: what is refused now is skipped', async () => {
      const runIds: string[] = [];
      const recorder: OpenLineageEventHandler = {
        name: 'recorder',
        handle: async events => {
          for (const e of events) runIds.push((e.event as any).run.runId);
        },
      };
      const { db, ingestor } = await setup({ handlers: [recorder] });
      // Stored before run ids were made canonical, and before the name rules.
      const row = (event: object, key: string) => ({
        event_key: key.padEnd(64, '0'),
        kind: 'RunEvent',
        event_type: 'COMPLETE',
        event_time: Date.parse('2026-11-26T10:05:00Z'),
        payload: JSON.stringify(event),
        received_at: Date.parse('2026-11-26T10:05:01Z'),
      });
      await db('openlineage_events').insert([
        row(runEvent({ runId: `urn:uuid:${RUN.toUpperCase()}` }), 'a'),
        row(runEvent({ job: { namespace: 'airflow', name: '' } }), 'b'),
      ]);
      expect(await ingestor.rebuild()).toEqual({ events: 1, skipped: 1 });
      expect(runIds).toEqual([RUN]);
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
          // A run of its own: run ids belong to the job that used them first.
          runId: '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d60',
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
