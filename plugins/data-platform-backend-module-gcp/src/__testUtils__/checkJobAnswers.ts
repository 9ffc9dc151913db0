import type { SetupServerApi } from 'msw/node';
import { BIGQUERY, http, HttpResponse, json } from './googleApis';
import { PROJECT } from './platform';

/** A column of a query's answer and the cell BigQuery writes for it. */
export type AnswerColumn = { name: string; type: string; value: unknown };

const SERVICE_ACCOUNT = `data-platform@${PROJECT}.iam.gserviceaccount.com`;
export const CREATED_AT = 1_772_369_400_123;

/** jobs.insert with `dryRun: true`, as BigQuery answers it: no job id, the bytes it would scan. */
export function dryRunAnswer(body: any, bytes: number) {
  return {
    kind: 'bigquery#job',
    etag: 'sm0aMyZ9bTVSVx4Wq0ZaXA==',
    selfLink: `${BIGQUERY}/projects/${PROJECT}/jobs/?location=EU`,
    user_email: SERVICE_ACCOUNT,
    configuration: { ...body.configuration, jobType: 'QUERY' },
    jobReference: { projectId: PROJECT, location: 'EU' },
    statistics: {
      creationTime: String(CREATED_AT),
      totalBytesProcessed: String(bytes),
      query: {
        totalBytesProcessed: String(bytes),
        totalBytesBilled: '0',
        cacheHit: false,
        referencedTables: [
          { projectId: PROJECT, datasetId: 'events', tableId: 'track_played' },
        ],
        statementType: 'SELECT',
        totalBytesProcessedAccuracy: 'PRECISE',
      },
    },
    status: { state: 'DONE' },
    principal_subject: `serviceAccount:${SERVICE_ACCOUNT}`,
  };
}

/** jobs.insert or jobs.get of a query job, running or done. */
export function jobAnswer(
  body: any,
  state: 'RUNNING' | 'DONE',
  extra: { statistics?: object; status?: object } = {},
) {
  const { jobId } = body.jobReference;
  return {
    kind: 'bigquery#job',
    etag: 'A6PMBzKb0DQJfe9jRTh4Ww==',
    id: `${PROJECT}:EU.${jobId}`,
    selfLink: `${BIGQUERY}/projects/${PROJECT}/jobs/${jobId}?location=EU`,
    user_email: SERVICE_ACCOUNT,
    configuration: { ...body.configuration, jobType: 'QUERY' },
    jobReference: { projectId: PROJECT, jobId, location: 'EU' },
    statistics: {
      creationTime: String(CREATED_AT),
      startTime: String(CREATED_AT + 87),
      query: { statementType: 'SELECT' },
      ...extra.statistics,
    },
    status: { state, ...extra.status },
    principal_subject: `serviceAccount:${SERVICE_ACCOUNT}`,
  };
}

/** The statistics of a finished job that scanned `bytes`, billed by the MiB. */
export function finishedStatistics(bytes: number, slotMs: number) {
  const billed = Math.ceil(bytes / 2 ** 20) * 2 ** 20;
  return {
    creationTime: String(CREATED_AT),
    startTime: String(CREATED_AT + 87),
    endTime: String(CREATED_AT + 87 + 1450),
    totalBytesProcessed: String(bytes),
    totalSlotMs: String(slotMs),
    query: {
      totalPartitionsProcessed: '1',
      totalBytesProcessed: String(bytes),
      totalBytesBilled: String(billed),
      billingTier: 1,
      totalSlotMs: String(slotMs),
      cacheHit: false,
      statementType: 'SELECT',
    },
  };
}

/** jobs.getQueryResults of a finished query returning one row. */
export function resultsAnswer(jobId: string, columns: AnswerColumn[]) {
  return {
    kind: 'bigquery#getQueryResultsResponse',
    etag: 'Z5DqvUO0Q5ZSwpQx0aBkfg==',
    schema: {
      fields: columns.map(c => ({
        name: c.name,
        type: c.type,
        mode: 'NULLABLE',
      })),
    },
    jobReference: { projectId: PROJECT, jobId, location: 'EU' },
    totalRows: '1',
    rows: [
      {
        f: columns.map(c => ({
          v: c.value === null ? null : String(c.value),
        })),
      },
    ],
    totalBytesProcessed: '0',
    jobComplete: true,
    cacheHit: false,
  };
}

/** A TIMESTAMP cell as the client asks for it (`useInt64Timestamp`): microseconds. */
export const timestampCell = (iso: string) => String(Date.parse(iso) * 1000);

/** What a check query job does, in the order jobs are inserted. */
export type CheckJobScript = {
  /** Bytes each dry run says, in order. */
  estimatedBytes: number[];
  /** The row of each job's results, in order. */
  rows: AnswerColumn[][];
  /** Slot milliseconds of each job. */
  slotMs?: number[];
  /** Answers getQueryResults with `jobComplete: false` this many times first. */
  pollsBeforeDone?: number;
  /** Answers the first job's insert with this error in its status. */
  insertFailure?: { reason: string; message: string };
};

/**
 * Answers jobs.insert (dry runs and jobs), jobs.getQueryResults and
 * jobs.get like BigQuery for check queries that run as scripted.
 */
export function answerCheckJobs(
  server: SetupServerApi,
  script: CheckJobScript,
) {
  const dryRuns = [...script.estimatedBytes];
  const jobs = new Map<string, { body: any; index: number }>();
  let polls = script.pollsBeforeDone ?? 0;
  server.use(
    http.post(`${BIGQUERY}/projects/${PROJECT}/jobs`, async ({ request }) => {
      const body = (await request.json()) as any;
      if (body.configuration.dryRun) {
        return json(dryRunAnswer(body, dryRuns.shift()!));
      }
      const index = jobs.size;
      jobs.set(body.jobReference.jobId, { body, index });
      if (index === 0 && script.insertFailure) {
        const failure = { ...script.insertFailure, location: 'query' };
        return json(
          jobAnswer(body, 'DONE', {
            status: { errorResult: failure, errors: [failure] },
          }),
        );
      }
      return json(jobAnswer(body, 'RUNNING'));
    }),
    http.get(`${BIGQUERY}/projects/${PROJECT}/queries/:jobId`, ({ params }) => {
      const job = jobs.get(String(params.jobId));
      if (!job) return HttpResponse.json({}, { status: 404 });
      if (polls > 0) {
        polls--;
        return json({
          kind: 'bigquery#getQueryResultsResponse',
          etag: 'Z5DqvUO0Q5ZSwpQx0aBkfg==',
          jobReference: job.body.jobReference,
          jobComplete: false,
        });
      }
      return json(resultsAnswer(String(params.jobId), script.rows[job.index]));
    }),
    http.get(`${BIGQUERY}/projects/${PROJECT}/jobs/:jobId`, ({ params }) => {
      const job = jobs.get(String(params.jobId));
      if (!job) return HttpResponse.json({}, { status: 404 });
      const bytes = script.estimatedBytes[job.index];
      return json(
        jobAnswer(job.body, 'DONE', {
          statistics: finishedStatistics(
            bytes,
            script.slotMs?.[job.index] ?? 1000,
          ),
        }),
      );
    }),
  );
}
