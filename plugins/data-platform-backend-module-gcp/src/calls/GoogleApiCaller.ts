import type { Clock } from './clock';
import { isRetryable } from './googleErrors';
import { QuotaLimiter, QuotaRule } from './QuotaLimiter';

/** How failed calls are tried again: exponential backoff with full jitter. */
export type RetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  initialDelayMs: 1000,
  maxDelayMs: 16_000,
};

/** Google's per-method API limit (BigQuery: 100 requests per second per user and method). */
export const METHOD_QUOTA = { limit: 100, windowMs: 1000 };
/** Methods with a lower limit of their own (BigQuery: 10 tables.insert per second per user). */
const METHOD_QUOTAS: Record<string, { limit: number; windowMs: number }> = {
  'bigquery.tables.insert': { limit: 10, windowMs: 1000 },
};
/** BigQuery: 5 metadata updates per 10 s per table, and per dataset. */
export const METADATA_UPDATE_QUOTA = { limit: 5, windowMs: 10_000 };

/** A call of one API method, and the resources whose update quotas it uses. */
export type GoogleCall = {
  /** E.g. `bigquery.tables.patch`. */
  method: string;
  /** Keys of the resources it updates, e.g. `table:p.d.t`, `dataset:p.d`. */
  updates?: string[];
  signal?: AbortSignal;
};

/**
 * Every Google call of the provisioner goes through here: it waits for room
 * under the method's and the updated resources' quotas, and retries rate
 * limits (429, BigQuery's 403 rateLimitExceeded) and server errors with
 * exponential backoff and jitter, stopping early when the signal aborts.
 * The clients' own retries are off so that there is one policy, this one.
 */
export class GoogleApiCaller {
  private readonly limiter: QuotaLimiter;

  constructor(
    private readonly clock: Clock,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly random: () => number = Math.random,
  ) {
    this.limiter = new QuotaLimiter(clock);
  }

  async call<T>(call: GoogleCall, request: () => Promise<T>): Promise<T> {
    const rules: QuotaRule[] = [
      {
        key: `method:${call.method}`,
        ...(METHOD_QUOTAS[call.method] ?? METHOD_QUOTA),
      },
      ...(call.updates ?? []).map(key => ({ key, ...METADATA_UPDATE_QUOTA })),
    ];
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(rules, call.signal);
      try {
        return await request();
      } catch (error) {
        if (attempt >= this.retry.attempts || !isRetryable(error)) throw error;
        const ceiling = Math.min(
          this.retry.maxDelayMs,
          this.retry.initialDelayMs * 2 ** (attempt - 1),
        );
        await this.clock.sleep(
          Math.round(this.random() * ceiling),
          call.signal,
        );
      }
    }
  }
}
