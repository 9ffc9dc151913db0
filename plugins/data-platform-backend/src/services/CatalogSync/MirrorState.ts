import { Knex } from 'knex';

/** Where a catalog mirror left off. Times are ms since the epoch. */
type MirrorCheckpoint = {
  /** Whether the stamped kinds carried stamps at the last full pass. */
  stamped: boolean;
  /** When the last pass began. */
  lastPassAt: number;
  /** When the last full pass began. */
  lastFullAt: number;
};

/** Keeps a mirror's checkpoint between passes. */
export interface MirrorState {
  load(): Promise<MirrorCheckpoint | undefined>;
  save(checkpoint: MirrorCheckpoint): Promise<void>;
}

/** A checkpoint in this process only: a new process starts with a full pass. */
export function inMemoryMirrorState(): MirrorState {
  let kept: MirrorCheckpoint | undefined;
  return {
    load: async () => kept,
    save: async checkpoint => {
      kept = checkpoint;
    },
  };
}

/**
 * A checkpoint in the plugin's database, shared by every backend instance:
 * whichever instance runs the next pass goes on from where the last one
 * left off, and the reconcile interval holds across instances.
 */
export class DatabaseMirrorState implements MirrorState {
  constructor(private readonly db: Knex, private readonly name: string) {}

  async load(): Promise<MirrorCheckpoint | undefined> {
    const row = await this.db('catalog_sync_state')
      .where('name', this.name)
      .first();
    if (!row) return undefined;
    return {
      stamped: Boolean(row.stamped),
      lastPassAt: Number(row.last_pass_at),
      lastFullAt: Number(row.last_full_at),
    };
  }

  async save(checkpoint: MirrorCheckpoint): Promise<void> {
    await this.db('catalog_sync_state')
      .insert({
        name: this.name,
        stamped: checkpoint.stamped,
        last_pass_at: checkpoint.lastPassAt,
        last_full_at: checkpoint.lastFullAt,
      })
      .onConflict('name')
      .merge();
  }
}
