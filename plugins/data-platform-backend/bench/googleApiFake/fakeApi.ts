/*
 * What the fake's two services (BigQuery v2, Pub/Sub v1) have in common:
 * a request, an answer, and a route naming the API method it calls and the
 * dataset or table whose quotas it uses.
 */
import type { QuotaRefusal, QuotaRequest } from './quotas';

/** A request as the fake's services read it. */
export type FakeRequest = {
  verb: string;
  /** The path below the service's prefix, decoded, split at `/`. */
  segments: string[];
  query: URLSearchParams;
  body: any;
  ifMatch?: string;
};

/** An HTTP status and JSON body. */
export type FakeAnswer = { status: number; body?: unknown };

/** One API method's handling of a request. */
export type FakeRoute = QuotaRequest & {
  answer(request: FakeRequest): FakeAnswer;
};

/** One Google API the fake serves under a path prefix. */
export interface FakeService {
  /** `/bigquery/v2`, `/v1`. */
  readonly prefix: string;
  /** The method a request calls; undefined when the API has no such method. */
  route(verb: string, segments: string[]): FakeRoute | undefined;
  /** The answer to a request over one of its quotas. */
  rateLimited(refusal: QuotaRefusal): FakeAnswer;
}

/** Google's JSON error body, with BigQuery's `errors[].reason` when given. */
export function googleError(
  code: number,
  status: string,
  message: string,
  reason?: string,
): FakeAnswer {
  return {
    status: code,
    body: {
      error: {
        code,
        message,
        ...(reason ? { errors: [{ message, domain: 'global', reason }] } : {}),
        status,
      },
    },
  };
}

export const ok = (body: unknown): FakeAnswer => ({ status: 200, body });

/** Etags and revision ids that change with every write. */
export class Versions {
  private counter = 0;

  etag(): string {
    return Buffer.from(`v${++this.counter}`).toString('base64');
  }

  revisionId(): string {
    return (++this.counter).toString(16).padStart(8, '0');
  }
}
