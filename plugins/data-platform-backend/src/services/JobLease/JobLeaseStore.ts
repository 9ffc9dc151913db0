import { Knex } from 'knex';

const TABLE = 'job_leases';

/** What a holder learns when it takes a job's lease. */
export type LeaseClaim = {
  /** The `now` the last completed run worked at; undefined before the first. */
  completedAt?: number;
};

/**
 * The `job_leases` table: one row per singleton job, taken and renewed
 * with conditional updates that both SQLite and PostgreSQL apply
 * atomically (one row, one statement), so two instances never both hold
 * it.
 */
export class JobLeaseStore {
  constructor(private readonly db: Knex) {}

  /**
   * Takes the job's lease until `until` when the job is due by `dueBy` and
   * no one else holds a lease unexpired at `now`; false otherwise.
   */
  async acquire(
    name: string,
    holder: string,
    times: { now: number; dueBy: number; until: number },
  ): Promise<LeaseClaim | false> {
    const { now, dueBy, until } = times;
    await this.db(TABLE)
      .insert({ name, holder: null, expires_at: 0, due_at: 0 })
      .onConflict('name')
      .ignore();
    const taken = await this.db(TABLE)
      .where('name', name)
      .andWhere('due_at', '<=', dueBy)
      .andWhere(q => q.where('expires_at', '<', now).orWhere('holder', holder))
      .update({ holder, expires_at: until });
    if (taken !== 1) return false;
    const row = await this.db(TABLE).where('name', name).first();
    return row.completed_at === null
      ? {}
      : { completedAt: Number(row.completed_at) };
  }

  /** Moves the holder's lease on to `until`; false when it no longer holds it. */
  async renew(name: string, holder: string, until: number): Promise<boolean> {
    const renewed = await this.db(TABLE)
      .where({ name, holder })
      .update({ expires_at: until });
    return renewed === 1;
  }

  /**
   * Gives the lease back. `dueAt` is when the job next runs (left as it
   * was, still due, when omitted); `completedAt` records a completed run.
   */
  async release(
    name: string,
    holder: string,
    next: { dueAt?: number; completedAt?: number },
  ): Promise<void> {
    await this.db(TABLE)
      .where({ name, holder })
      .update({
        holder: null,
        expires_at: 0,
        ...(next.dueAt !== undefined ? { due_at: next.dueAt } : {}),
        ...(next.completedAt !== undefined
          ? { completed_at: next.completedAt }
          : {}),
      });
  }
}
