import type { HealthPipelineRecord } from '../store/PipelineStore';
import type { DemoRun } from './demoPlan';

const PRODUCER =
  'https://github.com/dataplatform/backstage-plugins/tree/main/demo-feeder';
const RUN_EVENT =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACETS = 'https://openlineage.io/spec/facets';
const SCHEMA = {
  nominalTime: `${FACETS}/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet`,
  parent: `${FACETS}/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet`,
  errorMessage: `${FACETS}/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet`,
  jobType: `${FACETS}/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet`,
};
const HEARTBEAT_MS = 10 * 60_000;

const facet = (key: keyof typeof SCHEMA, body: object) => ({
  _producer: PRODUCER,
  _schemaURL: SCHEMA[key],
  ...body,
});

/** Engine-flavoured failures, so the on-call page shows something real-looking. */
function failure(engine: string, jobName: string, attempt: number) {
  const model = jobName.split('.').pop();
  const message =
    engine === 'dbt'
      ? `Database Error in model ${model} (models/${model}.sql): column "plan_tier" does not exist (attempt ${attempt})`
      : `java.lang.IllegalStateException: ${jobName}: input partition is empty (attempt ${attempt})`;
  return facet('errorMessage', {
    message,
    programmingLanguage: engine === 'dbt' ? 'SQL' : 'JAVA',
  });
}

type Dataset = { namespace: string; name: string };

/**
 * The OpenLineage RunEvents of demo runs that happened by `now`: START and
 * COMPLETE/FAIL for batch runs, with nominalTime and parent facets as
 * Airflow sends them; a START and a RUNNING heartbeat every ten minutes (the
 * last few hours of them) with outputs for streams. Deterministic: replaying
 * gives the same events, which the ingestion then skips as duplicates.
 */
export function demoEvents(
  runs: DemoRun[],
  pipelines: Map<string, HealthPipelineRecord & { engine?: string }>,
  datasets: Map<string, Dataset>,
  now: number,
  heartbeatsSince: number,
): object[] {
  const events: object[] = [];
  for (const run of runs) {
    const pipeline = pipelines.get(run.pipelineRef);
    if (!pipeline?.openLineage || run.startMs > now) continue;
    const job = {
      namespace: pipeline.openLineage.namespace,
      name: pipeline.openLineage.name,
    };
    const io = (refs: string[]) =>
      refs.flatMap(r => (datasets.has(r) ? [datasets.get(r)!] : []));
    const inputs = io(pipeline.inputs);
    const outputs = io(pipeline.outputs);
    const streaming = run.outcome === 'RUNNING';
    const jobFacets = {
      jobType: facet('jobType', {
        processingType: streaming ? 'STREAMING' : 'BATCH',
        integration: streaming ? 'FLINK' : 'AIRFLOW',
        jobType: streaming ? 'JOB' : 'TASK',
      }),
    };
    const runFacets: Record<string, object> = {};
    if (run.period) {
      runFacets.nominalTime = facet('nominalTime', {
        nominalStartTime: new Date(run.period.start).toISOString(),
        nominalEndTime: new Date(run.period.end).toISOString(),
      });
    }
    if (run.parentRunId) {
      runFacets.parent = facet('parent', {
        run: { runId: run.parentRunId },
        job: { namespace: job.namespace, name: `${job.name}.dag` },
      });
    }
    const event = (
      eventType: string,
      at: number,
      extra: Record<string, object> = {},
    ) => ({
      eventType,
      eventTime: new Date(at).toISOString(),
      producer: PRODUCER,
      schemaURL: RUN_EVENT,
      run: { runId: run.runId, facets: { ...runFacets, ...extra } },
      job: { ...job, facets: jobFacets },
      inputs,
      outputs,
    });
    events.push(event('START', run.startMs));
    if (streaming) {
      const first = Math.max(run.startMs, heartbeatsSince);
      for (
        let at = Math.ceil(first / HEARTBEAT_MS) * HEARTBEAT_MS;
        at <= now;
        at += HEARTBEAT_MS
      ) {
        events.push(event('RUNNING', at));
      }
      continue;
    }
    if (run.endMs === undefined || run.endMs > now) continue;
    events.push(
      run.outcome === 'FAIL'
        ? event('FAIL', run.endMs, {
            errorMessage: failure(pipeline.engine ?? '', job.name, run.attempt),
          })
        : event('COMPLETE', run.endMs),
    );
  }
  return events;
}
