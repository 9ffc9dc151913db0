import { TestDatabases } from '@backstage/backend-test-utils';
import { RunRecorder } from '../Health/runs/RunRecorder';
import { runEvent } from './__fixtures__/events';
import { ingestionTestbed, RUN } from './__testUtils__/ingestionTestbed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const owner = { namespace: 'airflow', name: 'plays-daily-aggregate' };
const other = { namespace: 'airflow', name: 'royalties-report' };
const OTHER_RUN = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5f';
const body = (events: object[]) => Buffer.from(JSON.stringify(events));

describe.each(databases.eachSupportedId())(
  'run ids belong to the job that first used them, on %s',
  databaseId => {
    const setup = () => ingestionTestbed(databases.init(databaseId));

    it("refuses another job's event for a run, and leaves that run as it was", async () => {
      const db = await databases.init(databaseId);
      const { ingestor } = await ingestionTestbed(Promise.resolve(db), {
        handlers: [new RunRecorder(db)],
      });
      await ingestor.ingestBody(
        body([runEvent({ eventType: 'START', runId: RUN, job: owner })]),
        { ndjson: false },
      );

      // A forged failure under another job, in a batch with a good event.
      const result = await ingestor.ingestBody(
        body([
          runEvent({ eventType: 'START', runId: OTHER_RUN, job: other }),
          runEvent({
            eventType: 'FAIL',
            runId: RUN.toUpperCase(),
            job: other,
            eventTime: '2026-11-26T10:06:00.000Z',
          }),
        ]),
        { ndjson: false },
      );
      expect(result).toMatchObject({ received: 2, accepted: 1, refused: 1 });
      expect(result.refusals).toEqual([
        expect.objectContaining({
          index: 1,
          path: 'run.runId',
          message: expect.stringContaining(
            'belongs to job airflow/plays-daily-aggregate',
          ),
        }),
      ]);

      const runs = await db('health_runs').orderBy('run_id');
      expect(runs.map(r => [r.run_id, r.job_name, r.state])).toEqual([
        [RUN, 'plays-daily-aggregate', 'RUNNING'],
        [OTHER_RUN, 'royalties-report', 'RUNNING'],
      ]);
      // The owner's own events still land.
      await ingestor.ingestBody(
        body([runEvent({ eventType: 'COMPLETE', runId: RUN, job: owner })]),
        { ndjson: false },
      );
      const [run] = await db('health_runs').where('run_id', RUN);
      expect(run.state).toBe('COMPLETE');
    });

    it('keeps the first job of a batch that names one run under two jobs', async () => {
      const { db, ingestor } = await setup();
      const result = await ingestor.ingestBody(
        body([
          runEvent({ eventType: 'START', runId: RUN, job: owner }),
          runEvent({ eventType: 'COMPLETE', runId: RUN, job: other }),
        ]),
        { ndjson: false },
      );
      expect(result).toMatchObject({ accepted: 1, refused: 1 });
      expect(result.refusals![0].index).toBe(1);
      expect(await db('openlineage_events').pluck('job_name')).toEqual([
        'plays-daily-aggregate',
      ]);
    });

    it('answers a 400 naming run.runId when every event of a batch is refused', async () => {
      const { db, ingestor } = await setup();
      await ingestor.ingest([
        runEvent({ eventType: 'START', runId: RUN, job: owner }),
      ]);
      await expect(
        ingestor.ingestBody(
          body([runEvent({ eventType: 'FAIL', runId: RUN, job: other })]),
          { ndjson: false },
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(
          'run.runId (/run/runId) belongs to job airflow/plays-daily-aggregate',
        ),
      });
      // The all-or-nothing ingestion (seed files, the demo) stores nothing.
      await expect(
        ingestor.ingest([
          runEvent({ eventType: 'START', runId: OTHER_RUN, job: other }),
          runEvent({ eventType: 'FAIL', runId: RUN, job: other }),
        ]),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect(await db('openlineage_events').pluck('run_id')).toEqual([RUN]);
    });

    it('forgets claims past the retention, so an old run id is free again', async () => {
      const { db, ingestor } = await setup();
      await ingestor.ingest([runEvent({ runId: RUN, job: owner })]);
      expect(await ingestor.runOwnership.prune(Date.now() + 1)).toBe(1);
      expect(await db('openlineage_run_jobs').pluck('run_id')).toEqual([]);
      const result = await ingestor.ingest([
        runEvent({ eventType: 'START', runId: RUN, job: other }),
      ]);
      expect(result.accepted).toBe(1);
    });
  },
);
