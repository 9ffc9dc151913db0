import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { JobLeaseStore } from './JobLeaseStore';

/** How long a lease lasts and how often it is renewed and looked for. */
export type LeaseSettings = {
  /** A holder that stops renewing (a crashed instance) loses the lease after this. */
  leaseMs: number;
  /** How often a holder renews its lease while its job runs; well under `leaseMs`. */
  renewEveryMs: number;
  /** How often each instance checks whether a job is due and free to take. */
  checkEveryMs: number;
};

export const DEFAULT_LEASE_SETTINGS: LeaseSettings = {
  leaseMs: 30_000,
  renewEveryMs: 10_000,
  checkEveryMs: 10_000,
};

/** A lease held for one run of a job. */
export interface HeldLease {
  /** The `now` the run took the lease at, and works at. */
  readonly startedAt: number;
  /** The `now` of the last completed run; undefined before the first. */
  readonly completedAt?: number;
  /**
   * Fires when the lease is lost (renewal failed or another instance holds
   * it) or the caller's signal fires (the scheduler's timeout or shutdown).
   * Work checks it between batches and stops before writing more.
   */
  readonly signal: AbortSignal;
  /**
   * Renews the lease at once and throws when it is no longer held: call it
   * right before a side effect that must not happen twice, such as a
   * notification.
   */
  confirm(): Promise<void>;
}

/** The reason a held lease's signal fires when the lease itself was lost. */
export class LeaseLostError extends Error {
  name = 'LeaseLostError';
}

/** What `JobLease.run` did. */
export type LeasedRun<T> = { ran: false } | { ran: true; value: T };

/**
 * The lease of one singleton job (a row of `job_leases`): the instance that
 * takes it runs the job and renews it every `renewEveryMs` while the work
 * runs; whoever stops renewing loses it `leaseMs` later, when another
 * instance may take the job over. The row also keeps when the job is due,
 * so instances that each check every `checkEveryMs` run it once per period
 * between them, and a run cut short is due again at once.
 */
export class JobLease {
  private readonly store: JobLeaseStore;
  private readonly holder = randomUUID();

  constructor(
    db: Knex,
    readonly name: string,
    private readonly settings: LeaseSettings = DEFAULT_LEASE_SETTINGS,
    private readonly clock: () => number = Date.now,
  ) {
    this.store = new JobLeaseStore(db);
  }

  /**
   * Runs `work` under the lease when the job is due and no other holder
   * has it; `{ ran: false }` otherwise. `everyMs` makes the job due again
   * that long after this run started (without it, at once). A run that
   * throws is due again like a completed one; a run cut short by `signal`
   * is due at once, for any instance; a run whose lease was lost leaves
   * the row to its new holder. `evenIfNotDue` runs it though it is not
   * due yet (a manual trigger), still only when no other holder has it.
   * Throws what `work` throws.
   */
  async run<T>(
    work: (lease: HeldLease) => Promise<T>,
    options: {
      now?: number;
      signal?: AbortSignal;
      everyMs?: number;
      evenIfNotDue?: boolean;
    } = {},
  ): Promise<LeasedRun<T>> {
    const { name, holder, settings, store } = this;
    if (options.signal?.aborted) return { ran: false };
    const startedAt = options.now ?? this.clock();
    const now = this.clock();
    const claim = await store.acquire(name, holder, {
      now,
      dueBy: options.evenIfNotDue ? Number.MAX_SAFE_INTEGER : startedAt,
      until: now + settings.leaseMs,
    });
    if (!claim) return { ran: false };

    const controller = new AbortController();
    let expiresAt = now + settings.leaseMs;
    const lose = (reason: string) => {
      if (!controller.signal.aborted) {
        controller.abort(new LeaseLostError(`The lease of ${name} ${reason}`));
      }
    };
    const renew = async () => {
      const until = this.clock() + settings.leaseMs;
      if (await store.renew(name, holder, until)) expiresAt = until;
      else lose('was taken over by another instance');
    };
    const onCallerAbort = () => {
      if (!controller.signal.aborted) controller.abort(options.signal?.reason);
    };
    options.signal?.addEventListener('abort', onCallerAbort);

    let timer: NodeJS.Timeout | undefined;
    const scheduleRenewal = () => {
      timer = setTimeout(async () => {
        try {
          await renew();
        } catch (error) {
          // The database did not answer: stop before the lease can run out
          // under us, rather than work on beside a new holder.
          if (this.clock() + settings.renewEveryMs >= expiresAt) {
            lose(`could not be renewed: ${error}`);
          }
        }
        if (!controller.signal.aborted) scheduleRenewal();
      }, settings.renewEveryMs);
      // The work keeps the process alive, not its lease.
      timer.unref();
    };
    scheduleRenewal();

    const lease: HeldLease = {
      startedAt,
      ...(claim.completedAt !== undefined
        ? { completedAt: claim.completedAt }
        : {}),
      signal: controller.signal,
      confirm: async () => {
        controller.signal.throwIfAborted();
        await renew();
        controller.signal.throwIfAborted();
      },
    };
    let outcome: 'completed' | 'failed' = 'failed';
    try {
      const value = await work(lease);
      controller.signal.throwIfAborted();
      outcome = 'completed';
      return { ran: true, value };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
      const interrupted = controller.signal.aborted && outcome !== 'completed';
      const dueAt =
        interrupted || options.everyMs === undefined
          ? undefined
          : startedAt + options.everyMs;
      controller.abort();
      await store.release(name, holder, {
        ...(dueAt !== undefined ? { dueAt } : {}),
        ...(outcome === 'completed' ? { completedAt: startedAt } : {}),
      });
    }
  }
}
