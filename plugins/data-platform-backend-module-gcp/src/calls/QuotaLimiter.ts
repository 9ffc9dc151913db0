import type { Clock } from './clock';

const SWEEP_EVERY = 1000;
/** Longer than any of Google's per-key windows this module keeps to. */
const MAX_WINDOW_MS = 60_000;

/** At most `limit` calls in any `windowMs` for one key. */
export type QuotaRule = { key: string; limit: number; windowMs: number };

/**
 * Spaces calls so that none of their keys goes over its quota, e.g.
 * BigQuery's 5 metadata updates per 10 s per table and per dataset, or 100
 * requests per second per API method. A call waits until every key it
 * names has room, then takes a slot in each. Calls are counted when they
 * start, retries included, since Google counts them as they arrive.
 */
export class QuotaLimiter {
  private readonly started = new Map<string, number[]>();
  private acquired = 0;

  constructor(private readonly clock: Clock) {}

  async acquire(rules: QuotaRule[], signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      let wait = 0;
      for (const rule of rules) {
        const recent = this.recent(rule, now);
        if (recent.length >= rule.limit) {
          wait = Math.max(
            wait,
            recent[recent.length - rule.limit] + rule.windowMs - now,
          );
        }
      }
      if (wait <= 0) {
        for (const rule of rules) this.recent(rule, now).push(now);
        if (++this.acquired % SWEEP_EVERY === 0) {
          this.forgetIdle(now, MAX_WINDOW_MS);
        }
        return;
      }
      await this.clock.sleep(wait, signal);
    }
  }

  /** The start times within the rule's window, oldest first. */
  private recent(rule: QuotaRule, now: number): number[] {
    const times = (this.started.get(rule.key) ?? []).filter(
      t => t > now - rule.windowMs,
    );
    this.started.set(rule.key, times);
    return times;
  }

  /** Forgets keys idle for longer than any window, so a long-lived limiter stays small. */
  private forgetIdle(now: number, longestWindowMs: number) {
    for (const [key, times] of this.started) {
      if (!times.length || times[times.length - 1] <= now - longestWindowMs) {
        this.started.delete(key);
      }
    }
  }
}
