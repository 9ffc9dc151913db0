import { TestDatabases } from '@backstage/backend-test-utils';
import { RunRecorder } from '../services/Health/runs/RunRecorder';
import type { RunRecord } from '../services/Health/runs/foldRunEvents';
import { RunStore } from '../services/Health/store/RunStore';
import { HealthSweep } from '../services/Health/sweep/HealthSweep';
import {
  HOUR,
  pipeline,
  RecordingNotifications,
  registerPipelines,
  testSettings,
} from '../services/Health/__testUtils__/healthTestbed';
import { README_MAPPINGS } from '../services/OpenLineage/__fixtures__/dbtMappings';
import { openLineageApp } from './__testUtils__/openLineageApp';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const PRODUCER =
  'https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/dbt';
const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/';
const AT = Date.parse('2026-11-26T10:00:00Z');

/** A dbt-ol RunEvent: no datasets unless given, an error for a FAIL. */
function dbtEvent(options: {
  job: string;
  runId: string;
  eventType: 'START' | 'COMPLETE' | 'FAIL';
  minutes: number;
  outputs?: { namespace: string; name: string }[];
}) {
  return {
    eventType: options.eventType,
    eventTime: new Date(AT + options.minutes * 60_000).toISOString(),
    producer: PRODUCER,
    schemaURL: `${SPEC}RunEvent`,
    run: {
      runId: options.runId,
      facets:
        options.eventType === 'FAIL'
          ? {
              errorMessage: {
                _producer: PRODUCER,
                _schemaURL:
                  'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json',
                message: 'Database Error in model customers',
                programmingLanguage: 'sql',
              },
            }
          : {},
    },
    job: { namespace: 'dbt', name: options.job },
    inputs: [],
    outputs: options.outputs ?? [],
  };
}

const RUN_1 = '0193a3c6-6b1e-7b6c-9d6a-000000000101';
const RUN_2 = '0193a3c6-6b1e-7b6c-9d6a-000000000102';

describe.each(databases.eachSupportedId())(
  'runs of jobs the catalog does not know, on %s',
  databaseId => {
    it('shows them in the catalog gaps under one mapped job, and hands them to a Pipeline registered later', async () => {
      const db = await databases.init(databaseId);
      const app = await openLineageApp(db, {
        mappings: README_MAPPINGS,
        handlers: [new RunRecorder(db)],
      });
      // dbt-ol names the model three ways; its test writes an audit table.
      const sent = await app.post().send([
        dbtEvent({
          job: 'analytics.main.jaffle_shop.customers.build.run',
          runId: RUN_1,
          eventType: 'START',
          minutes: 0,
        }),
        dbtEvent({
          job: 'model.jaffle_shop.customers',
          runId: RUN_1,
          eventType: 'COMPLETE',
          minutes: 5,
        }),
        dbtEvent({
          job: 'customers',
          runId: RUN_2,
          eventType: 'FAIL',
          minutes: 65,
          outputs: [
            {
              namespace: 'bigquery',
              name: 'analytics.main_dbt_test__audit.not_null_customers_id',
            },
          ],
        }),
      ]);
      expect(sent.body).toEqual({ received: 3, accepted: 3, duplicates: 0 });

      const gaps = await app.get('/lineage/catalog-gaps');
      expect(gaps.body).toMatchObject({ total: 1, byKind: { Job: 1 } });
      expect(gaps.body.nodes).toEqual([
        expect.objectContaining({
          id: 'openlineage:job:dbt/jaffle_shop.customers',
          kind: 'Job',
          reason: 'openlineage-only',
          lastRun: {
            runId: RUN_2,
            state: 'FAIL',
            at: new Date(AT + 65 * 60_000).toISOString(),
            endedAt: new Date(AT + 65 * 60_000).toISOString(),
            failureReason: 'Database Error in model customers',
          },
        }),
      ]);

      // The Pipeline arrives with the job's OpenLineage identity.
      const identity = { namespace: 'dbt', name: 'jaffle_shop.customers' };
      await registerPipelines(
        db,
        [pipeline('customers', { openLineage: identity })],
        AT + 2 * HOUR,
      );
      await new RunStore(db).markJobsDirty([identity]);
      await new HealthSweep(
        db,
        testSettings(),
        new RecordingNotifications(),
      ).run(AT + 2 * HOUR);
      const runs = await db('health_runs').orderBy('run_id');
      expect(runs.map(r => [r.run_id, r.pipeline_ref, r.state])).toEqual([
        [RUN_1, 'pipeline:default/customers', 'COMPLETE'],
        [RUN_2, 'pipeline:default/customers', 'FAIL'],
      ]);
      const after = await app.get('/lineage/catalog-gaps');
      expect(after.body.nodes.map((n: { id: string }) => n.id)).not.toContain(
        'openlineage:job:dbt/jaffle_shop.customers',
      );
    });

    it('answers the latest run of a job that ran tens of thousands of times', async () => {
      const db = await databases.init(databaseId);
      const app = await openLineageApp(db, {
        handlers: [new RunRecorder(db)],
      });
      const job = { namespace: 'airflow', name: 'plays-daily-aggregate' };
      const first = dbtEvent({
        job: job.name,
        runId: RUN_1,
        eventType: 'START',
        minutes: 0,
      });
      const sent = await app
        .post()
        .send([{ ...first, job: { ...first.job, namespace: job.namespace } }]);
      expect(sent.body).toMatchObject({ accepted: 1 });
      // A run a minute before the newest event, then two runs at it of which
      // the later started wins: each run used to read all the job's runs
      // again, so that 40,000 of them took minutes.
      const runs: RunRecord[] = Array.from({ length: 40_000 }, (_, i) => ({
        runId: `run-${String(i).padStart(5, '0')}`,
        jobNamespace: job.namespace,
        jobName: job.name,
        state: 'COMPLETE',
        startedAt: AT + i * 1_000,
        firstEventAt: AT + i * 1_000,
        lastEventAt: AT + i * 1_000 + 500,
        endedAt: AT + i * 1_000 + 500,
      }));
      const newest = AT + 24 * HOUR;
      runs.push(
        {
          runId: 'run-late-start',
          jobNamespace: job.namespace,
          jobName: job.name,
          state: 'FAIL',
          startedAt: newest - 60_000,
          firstEventAt: newest - 60_000,
          lastEventAt: newest,
          endedAt: newest,
        },
        {
          runId: 'run-early-start',
          jobNamespace: job.namespace,
          jobName: job.name,
          state: 'COMPLETE',
          startedAt: newest - 120_000,
          firstEventAt: newest - 120_000,
          lastEventAt: newest,
          endedAt: newest,
        },
      );
      await new RunStore(db).upsert(db, runs);

      const gaps = await app.get('/lineage/catalog-gaps?kind=Job&limit=2');
      expect(gaps.status).toBe(200);
      expect(gaps.body.nodes).toEqual([
        expect.objectContaining({
          id: 'openlineage:job:airflow/plays-daily-aggregate',
          lastRun: {
            runId: 'run-late-start',
            state: 'FAIL',
            at: new Date(newest).toISOString(),
            startedAt: new Date(newest - 60_000).toISOString(),
            endedAt: new Date(newest).toISOString(),
          },
        }),
      ]);
    });
  },
);
