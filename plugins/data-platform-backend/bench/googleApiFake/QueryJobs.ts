/*
 * BigQuery's jobs.query and getQueryResults as the fake answers the
 * provisioner's INFORMATION_SCHEMA queries: the tables of the region the
 * query names, filtered by its `@tables`, rows paged at 10 MB as BigQuery
 * pages them, each query billing at least 10 MB.
 */
import { FakeAnswer, FakeRequest, googleError, ok, Versions } from './fakeApi';
import type { FakeTable } from './informationSchema';
import {
  answerMetadataQuery,
  tablesParameter,
  viewsOf,
} from './metadataQueries';

/** BigQuery answers at most this much row data per page. */
const PAGE_BYTES = 10 * 1024 * 1024;
/** Every INFORMATION_SCHEMA query bills at least 10 MB. */
const MIN_BILLED_BYTES = 10 * 1024 * 1024;

/** A query's rows not read yet. */
type PendingResult = {
  project: string;
  location: string;
  schema: unknown;
  rows: unknown[];
  /** Where each page starts. */
  pageStarts: number[];
};

const invalid = (message: string) =>
  googleError(400, 'INVALID_ARGUMENT', message, 'invalidQuery');

export class QueryJobs {
  private readonly pending = new Map<string, PendingResult>();
  private readonly versions = new Versions();
  private jobs = 0;
  /** Bytes the queries billed. */
  billedBytes = 0;

  constructor(
    private readonly tablesIn: (project: string, region: string) => FakeTable[],
  ) {}

  /** jobs.query: the first page of the answer. */
  query(project: string, request: FakeRequest): FakeAnswer {
    const read = viewsOf(String(request.body?.query ?? ''));
    const location = String(request.body?.location ?? 'US');
    if (!read) {
      return invalid(
        'The fake BigQuery answers only INFORMATION_SCHEMA queries of the provisioner',
      );
    }
    const wanted = tablesParameter(request.body);
    const tables = this.tablesIn(read.project, read.region).filter(
      table =>
        !wanted ||
        wanted.has(
          `${table.tableReference.datasetId}.${table.tableReference.tableId}`,
        ),
    );
    const answer = answerMetadataQuery(read.views, tables);
    if (!answer) {
      return invalid(
        `The fake BigQuery does not know the query over ${[...read.views].join(
          ', ',
        )}`,
      );
    }
    this.billedBytes += MIN_BILLED_BYTES;
    const pageStarts = [0];
    let bytes = 0;
    answer.rows.forEach((row, i) => {
      if (bytes + row.bytes > PAGE_BYTES && i > pageStarts.at(-1)!) {
        pageStarts.push(i);
        bytes = 0;
      }
      bytes += row.bytes;
    });
    const jobId = `job_fake_${++this.jobs}`;
    const result: PendingResult = {
      project,
      location,
      schema: answer.schema,
      rows: answer.rows.map(r => r.row),
      pageStarts,
    };
    if (pageStarts.length > 1) this.pending.set(jobId, result);
    return ok({
      kind: 'bigquery#queryResponse',
      ...this.page(jobId, result, 0),
    });
  }

  /** getQueryResults: a further page. */
  results(jobId: string, request: FakeRequest): FakeAnswer {
    const result = this.pending.get(jobId);
    if (!result) {
      return googleError(
        404,
        'NOT_FOUND',
        `Not found: Job ${jobId}`,
        'notFound',
      );
    }
    const page = Number(request.query.get('pageToken') ?? 0);
    const answer = this.page(jobId, result, page);
    if (page === result.pageStarts.length - 1) this.pending.delete(jobId);
    return ok({
      kind: 'bigquery#getQueryResultsResponse',
      etag: this.versions.etag(),
      ...answer,
    });
  }

  private page(jobId: string, result: PendingResult, page: number) {
    const start = result.pageStarts[page] ?? result.rows.length;
    const end = result.pageStarts[page + 1] ?? result.rows.length;
    return {
      schema: result.schema,
      jobReference: {
        projectId: result.project,
        jobId,
        location: result.location,
      },
      totalRows: String(result.rows.length),
      rows: result.rows.slice(start, end),
      ...(page + 1 < result.pageStarts.length
        ? { pageToken: String(page + 1) }
        : {}),
      totalBytesProcessed: String(MIN_BILLED_BYTES),
      jobComplete: true,
      cacheHit: false,
    };
  }
}
