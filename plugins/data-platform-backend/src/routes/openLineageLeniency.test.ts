import { TestDatabases } from '@backstage/backend-test-utils';
import { ndjson, runEvent } from '../services/OpenLineage/__fixtures__/events';
import { openLineageApp } from './__testUtils__/openLineageApp';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'what the OpenLineage ingestion accepts, on %s',
  databaseId => {
    const setup = () =>
      databases.init(databaseId).then(db => openLineageApp(db));

    it('refuses a body that is neither JSON nor NDJSON with a 415 saying what it reads', async () => {
      const { post, ingestor } = await setup();
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await post()
          .set('Content-Type', type)
          .send(JSON.stringify(runEvent({})));
        expect(response.status).toBe(415);
        expect(response.body.error.message).toBe(
          `Content-Type "${type}": send application/json (one event or an array of events) or application/x-ndjson (one event a line)`,
        );
      }
      expect(await ingestor.eventLog.count()).toBe(0);
    });

    it('ignores a byte order mark, in JSON as in NDJSON', async () => {
      const { post } = await setup();
      const bom = '\uFEFF';
      const json = await post()
        .set('Content-Type', 'application/json')
        .send(`${bom}${JSON.stringify([runEvent({ eventType: 'START' })])}`);
      expect(json.body).toEqual({ received: 1, accepted: 1, duplicates: 0 });
      const lines = await post()
        .set('Content-Type', 'application/x-ndjson')
        .send(`${bom}${ndjson([runEvent({ eventType: 'COMPLETE' })])}`);
      expect(lines.body).toEqual({ received: 1, accepted: 1, duplicates: 0 });
    });

    it('says what it read differently, and keeps what was sent', async () => {
      const { post, db } = await setup();
      const { schemaURL, ...event } = runEvent({
        eventTime: '2026-11-26T10:05:00',
        runId: 'URN:UUID:0193A3C6-6B1E-7B6C-9D6A-1F0E2B3C4D5E',
        runFacets: { airflow: { dag: 'plays_daily' } },
      });
      const response = await post().send(event);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ received: 1, accepted: 1 });
      expect(
        response.body.warnings.map(
          (w: { path: string; message: string }) => `${w.path} ${w.message}`,
        ),
      ).toEqual([
        'run.facets.airflow was left out, as run.facets.airflow._producer is required',
        'eventTime has no time zone: read as UTC',
      ]);
      const [row] = await db('openlineage_events');
      expect(JSON.parse(row.payload)).toEqual(event);
      expect(row.run_id).toBe('0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e');
      expect(Number(row.event_time)).toBe(Date.UTC(2026, 10, 26, 10, 5));
    });

    it('records a re-send whose payload differs as a conflict, keeping it as a revision once', async () => {
      const { post, get, db } = await setup();
      const sent = runEvent({ eventType: 'FAIL' });
      const corrected = {
        ...sent,
        outputs: [...sent.outputs, { namespace: 'bigquery', name: 'x.y.z' }],
      };
      await post().send(sent);
      const again = await post().send([sent, corrected]);
      expect(again.body).toMatchObject({
        received: 2,
        accepted: 0,
        duplicates: 1,
        conflicts: 1,
        warnings: [
          expect.objectContaining({
            index: 1,
            message:
              'has the identity of an event stored before, with another payload: the first stays, this one is kept as a revision',
          }),
        ],
      });
      // The same correction again is a conflict again, not a second revision.
      expect((await post().send(corrected)).body).toMatchObject({
        conflicts: 1,
      });
      const revisions = await db('openlineage_event_revisions');
      expect(revisions.map(r => JSON.parse(r.payload))).toEqual([corrected]);
      expect(await db('openlineage_events').count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);
      // The correction's new output is lineage now.
      const graph = await get(
        `/lineage/graph?node=${encodeURIComponent(
          'openlineage:dataset:bigquery/x.y.z',
        )}`,
      );
      expect(graph.status).toBe(200);
    });
  },
);
