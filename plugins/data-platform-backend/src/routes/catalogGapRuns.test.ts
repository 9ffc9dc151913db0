import { TestDatabases } from '@backstage/backend-test-utils';
import { RunRecorder } from '../services/Health/runs/RunRecorder';
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
  },
);
