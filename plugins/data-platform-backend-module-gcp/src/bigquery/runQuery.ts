import type { BigQuery } from '@google-cloud/bigquery';
import { randomUUID } from 'node:crypto';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';

/** A cell of jobs.query / getQueryResults: `{ v }`, REPEATED as a list of cells. */
type Cell = { v: unknown };
type Field = { name: string; type: string; mode?: string };
type QueryResponse = {
  jobComplete?: boolean;
  jobReference?: { jobId?: string; location?: string };
  schema?: { fields?: Field[] };
  rows?: { f: Cell[] }[];
  pageToken?: string;
};

/** How long one jobs.query or getQueryResults call waits for the query to finish. */
const WAIT_MS = 10_000;

const INTEGER_TYPES = new Set(['INTEGER', 'INT64']);

/** How one column's cells become values: numbers, strings, lists of them. */
function decoderOf(field: Field): (value: unknown) => unknown {
  const scalar = INTEGER_TYPES.has(field.type)
    ? (value: unknown) => (value === null ? null : Number(value))
    : (value: unknown) => value;
  if (field.mode !== 'REPEATED') {
    return value => (value === undefined ? null : scalar(value));
  }
  return value =>
    value === null || value === undefined
      ? null
      : (value as Cell[]).map(cell => scalar(cell.v));
}

/**
 * The rows of a page as objects by column name (the provisioner's queries
 * select scalars and string arrays). Answers run to hundreds of thousands
 * of rows: each row becomes one object, made without intermediate ones.
 */
function decodeRows<Row>(response: QueryResponse): Row[] {
  const fields = response.schema?.fields ?? [];
  const names = fields.map(field => field.name);
  const decoders = fields.map(decoderOf);
  return (response.rows ?? []).map(row => {
    const decoded: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      decoded[names[i]] = decoders[i](row.f[i]?.v);
    }
    return decoded as Row;
  });
}

/** The request with the client's credentials, for the client's endpoint. */
function authenticated(
  bigQuery: BigQuery,
  uri: string,
): Promise<{ uri: string; headers?: unknown }> {
  return new Promise((resolve, reject) =>
    bigQuery.makeAuthenticatedRequest(
      { uri },
      {
        onAuthenticated: (error, options) =>
          error ? reject(error) : resolve(options as any),
      },
    ),
  );
}

/**
 * A jobs.query or getQueryResults request, sent with the client's
 * credentials to the client's endpoint, its answer read as the client reads
 * it; a refusal becomes an error with the HTTP status as `code` and
 * BigQuery's `errors`, as the client's are. Not through the client's own
 * request path: it deep-copies every answer, seconds at 70,000 tables.
 */
async function request(
  bigQuery: BigQuery,
  options: {
    method: 'GET' | 'POST';
    path: string;
    qs?: Record<string, string | number>;
    json?: unknown;
  },
): Promise<QueryResponse> {
  const url = new URL(
    `${bigQuery.baseUrl}/projects/${bigQuery.projectId}${options.path}`,
  );
  for (const [key, value] of Object.entries({
    ...options.qs,
    prettyPrint: 'false',
  })) {
    url.searchParams.set(key, String(value));
  }
  const { uri, headers } = await authenticated(bigQuery, url.toString());
  // A Headers object, or a plain one from older auth libraries.
  const sent = new Headers(headers as HeadersInit | undefined);
  sent.set('content-type', 'application/json');
  const response = await fetch(uri, {
    method: options.method,
    headers: sent,
    ...(options.json ? { body: JSON.stringify(options.json) } : {}),
  });
  const text = await response.text();
  let answer: any;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  if (!response.ok) {
    const error = answer?.error;
    throw Object.assign(
      new Error(error?.message ?? (text || response.statusText)),
      {
        code: error?.code ?? response.status,
        errors: error?.errors ?? [],
      },
    );
  }
  return answer;
}

/**
 * Runs one of the provisioner's metadata queries with jobs.query and reads
 * every page of its answer with getQueryResults: each request through the
 * caller, so that each counts under its method's quota and is retried
 * alone. The client's `query()` is not used: it deep-copies the first
 * page's rows twice (its paginator clones the options carrying them), which
 * at 70,000 tables costs seconds.
 */
export async function runQuery<Row>(
  bigQuery: BigQuery,
  caller: GoogleApiCaller,
  options: {
    query: string;
    /** The `@tables` parameter: `dataset.table` names. */
    tables: string[];
    location: string;
    labels: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<Row[]> {
  const { signal, location } = options;
  // One request id for every attempt: a retried query is the same query.
  const body = {
    query: options.query,
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: [
      {
        name: 'tables',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: {
          arrayValues: options.tables.map(value => ({ value })),
        },
      },
    ],
    location,
    labels: options.labels,
    timeoutMs: WAIT_MS,
    requestId: randomUUID(),
  };
  let response = await caller.call(
    { method: 'bigquery.jobs.query', signal },
    () => request(bigQuery, { method: 'POST', path: '/queries', json: body }),
  );
  const rows: Row[] = [];
  for (;;) {
    if (response.jobComplete) {
      for (const row of decodeRows<Row>(response)) rows.push(row);
      if (!response.pageToken) return rows;
    }
    const job = response.jobReference;
    if (!job?.jobId)
      throw new Error('BigQuery answered a query without its job');
    const qs = {
      location: job.location ?? location,
      timeoutMs: WAIT_MS,
      // Still running: wait for it; done: the next page.
      ...(response.jobComplete ? { pageToken: response.pageToken } : {}),
    };
    response = await caller.call(
      { method: 'bigquery.jobs.getQueryResults', signal },
      () =>
        request(bigQuery, {
          method: 'GET',
          path: `/queries/${encodeURIComponent(job.jobId!)}`,
          qs,
        }),
    );
  }
}
