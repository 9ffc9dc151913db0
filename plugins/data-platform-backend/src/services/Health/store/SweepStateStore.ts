import { Knex } from 'knex';

const TABLE = 'health_sweep_state';

/** The watermarks a sweep checks before reusing what it kept from its last run. */
export type SweepState = {
  /** Bumped by every catalog write to the health pipelines. */
  pipelinesVersion: string;
  /** The latest sweep to start, on whichever instance. */
  lastSweepId?: string;
};

/** One row saying what changed since a sweep last looked (see the migration). */
export class SweepStateStore {
  constructor(private readonly db: Knex) {}

  async read(): Promise<SweepState> {
    const row = await this.db(TABLE).where('id', 1).first();
    return {
      pipelinesVersion: String(row?.pipelines_version ?? 0),
      lastSweepId: row?.last_sweep_id ?? undefined,
    };
  }

  /** Records a sweep starting, before it writes anything. */
  async started(sweepId: string): Promise<void> {
    await this.db(TABLE).where('id', 1).update({ last_sweep_id: sweepId });
  }
}

/** Tells sweeps that the pipelines changed; after the write it is about. */
export async function bumpPipelinesVersion(db: Knex): Promise<void> {
  await db(TABLE).where('id', 1).increment('pipelines_version', 1);
}
