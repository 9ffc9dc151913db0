import { http, HttpResponse, JsonBodyType } from 'msw';
import type { SetupServerApi } from 'msw/node';
import { OAuth2Client } from 'google-auth-library';
import type { Clock } from '../calls/clock';

export const BIGQUERY = 'https://bigquery.googleapis.com/bigquery/v2';
export const PUBSUB = 'https://pubsub.googleapis.com/v1';

/** Credentials with a token already in hand: the clients ask no token server. */
export function presetAuth(): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({
    access_token: 'test-token',
    expiry_date: Date.now() + 3600e3,
  });
  return client;
}

/** A request that reached Google: method, path (without the host and query) and JSON body. */
export type SeenRequest = {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: any;
  /** The test clock's time when it arrived. */
  at: number;
};

/** Records every request the server sees, in order. */
export function recordRequests(
  server: SetupServerApi,
  clock?: Clock,
): SeenRequest[] {
  const seen: SeenRequest[] = [];
  server.events.removeAllListeners('request:start');
  server.events.on('request:start', async ({ request }) => {
    const url = new URL(request.url);
    const at = clock?.now() ?? 0;
    const entry = { method: request.method, url, headers: request.headers };
    const index = seen.push({
      ...entry,
      path: decodeURIComponent(url.pathname),
      body: undefined,
      at,
    });
    const text = await request.clone().text();
    let body: any = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    seen[index - 1].body = body;
  });
  return seen;
}

/** A clock whose sleeps pass at once, moving its time on. */
export function testClock(start = 1_700_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock & { sleeps: number[] } = {
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
  return clock;
}

/** Google's JSON error body, as both APIs send it. */
export function googleError(
  status: number,
  message: string,
  options: { reason?: string; status?: string } = {},
) {
  return HttpResponse.json(
    {
      error: {
        code: status,
        message,
        ...(options.reason
          ? {
              errors: [{ message, domain: 'global', reason: options.reason }],
            }
          : {}),
        ...(options.status ? { status: options.status } : {}),
      },
    },
    { status },
  );
}

export const json = (body: JsonBodyType) => HttpResponse.json(body);

type Column = { name: string; type: string; mode?: string };

/** A cell as BigQuery's REST API writes it: `{ v: ... }`, arrays as lists of cells. */
function cell(value: unknown): unknown {
  if (value === null || value === undefined) return { v: null };
  if (Array.isArray(value)) return { v: value.map(v => ({ v: String(v) })) };
  return { v: String(value) };
}

/** A jobs.query answer with these columns and rows (objects keyed by column name). */
export function queryAnswer(
  project: string,
  location: string,
  columns: Column[],
  rows: Record<string, unknown>[],
) {
  return {
    kind: 'bigquery#queryResponse',
    schema: {
      fields: columns.map(c => ({ mode: 'NULLABLE', ...c })),
    },
    jobReference: {
      projectId: project,
      jobId: `job_${Math.random().toString(36).slice(2)}`,
      location,
    },
    totalRows: String(rows.length),
    rows: rows.map(row => ({ f: columns.map(c => cell(row[c.name])) })),
    totalBytesProcessed: '10485760',
    jobComplete: true,
    cacheHit: false,
  };
}

export { http, HttpResponse };
