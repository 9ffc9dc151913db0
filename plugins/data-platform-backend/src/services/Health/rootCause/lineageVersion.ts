import { Knex } from 'knex';

/**
 * The lineage index's graph-shape version, which every write that adds or
 * removes nodes or edges bumps: what lineage answers are kept under.
 */
export async function lineageVersion(db: Knex): Promise<string> {
  const row = await db('lineage_version').where('id', 1).first();
  return String(row?.version ?? 0);
}
