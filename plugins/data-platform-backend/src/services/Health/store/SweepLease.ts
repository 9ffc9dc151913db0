import { Knex } from 'knex';

const TABLE = 'health_sweep_lease';
const NAME = 'health-sweep';

/**
 * A database lease on the sweep: the scheduler already runs a global task on
 * one instance at a time, but a task that timed out may still be running when
 * another instance starts it again. Whoever holds the lease sweeps; the other
 * skips that minute.
 */
export class SweepLease {
  constructor(private readonly db: Knex) {}

  /**
   * Takes the lease until `until` if it is free or expired. Returns the time
   * of the last completed sweep (undefined before the first), or false when
   * another holder has it.
   */
  async acquire(
    holder: string,
    now: number,
    until: number,
  ): Promise<{ lastSweptAt?: number } | false> {
    await this.db(TABLE)
      .insert({ name: NAME, holder: null, lease_until: 0, last_swept_at: null })
      .onConflict('name')
      .ignore();
    const taken = await this.db(TABLE)
      .where('name', NAME)
      .andWhere(q => q.where('lease_until', '<', now).orWhere('holder', holder))
      .update({ holder, lease_until: until });
    if (taken !== 1) return false;
    const row = await this.db(TABLE).where('name', NAME).first();
    return {
      lastSweptAt:
        row.last_swept_at === null ? undefined : Number(row.last_swept_at),
    };
  }

  /** Gives the lease back and records the completed sweep's `now`. */
  async release(holder: string, sweptAt?: number): Promise<void> {
    await this.db(TABLE)
      .where({ name: NAME, holder })
      .update({
        holder: null,
        lease_until: 0,
        ...(sweptAt !== undefined ? { last_swept_at: sweptAt } : {}),
      });
  }
}
