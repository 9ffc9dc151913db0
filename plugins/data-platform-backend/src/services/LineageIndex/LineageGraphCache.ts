import { Knex } from 'knex';

/**
 * The shape of the lineage graph in compressed sparse rows: for node id `n`,
 * its downstream neighbours are `outTargets[outOffsets[n] .. outOffsets[n+1])`
 * and its upstream ones likewise in `in*`. About 10 bytes per edge: a
 * Spotify-size graph (250k edges) takes a few MB.
 */
export type LineageAdjacency = {
  version: string;
  outOffsets: Int32Array;
  outTargets: Int32Array;
  inOffsets: Int32Array;
  inTargets: Int32Array;
};

/** Neighbours of `id` downstream (sign 1) or upstream (sign -1). */
export function neighbours(
  graph: LineageAdjacency,
  id: number,
  sign: 1 | -1,
): Int32Array {
  const offsets = sign === 1 ? graph.outOffsets : graph.inOffsets;
  const targets = sign === 1 ? graph.outTargets : graph.inTargets;
  if (id + 1 >= offsets.length) return new Int32Array(0);
  return targets.subarray(offsets[id], offsets[id + 1]);
}

function compress(
  pairs: { from_id: number; to_id: number }[],
  size: number,
  key: 'from_id' | 'to_id',
  other: 'from_id' | 'to_id',
) {
  const offsets = new Int32Array(size + 1);
  for (const pair of pairs) offsets[pair[key] + 1]++;
  for (let i = 0; i < size; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, size);
  const targets = new Int32Array(pairs.length);
  for (const pair of pairs) targets[cursor[pair[key]]++] = pair[other];
  return { offsets, targets };
}

/** Reads the graph-shape version the writers bump. */
export async function readLineageVersion(db: Knex): Promise<string> {
  const row = await db('lineage_version').where('id', 1).first();
  return String(row?.version ?? 0);
}

/** Bumps the graph-shape version; call inside the writing transaction. */
export async function bumpLineageVersion(tx: Knex | Knex.Transaction) {
  await tx('lineage_version').where('id', 1).increment('version', 1);
}

/**
 * Each backend instance keeps the graph's shape in memory and walks it there:
 * a neighbourhood costs microseconds instead of one query per hop. Every read
 * checks the version row that writers bump in their transaction and reloads
 * after a change, at most once per `minReloadIntervalMs`, so instances sharing
 * a database answer alike within that interval.
 */
export class LineageGraphCache {
  private current?: LineageAdjacency & { loadedAt: number };
  private loading?: Promise<LineageAdjacency & { loadedAt: number }>;

  constructor(
    private readonly db: Knex,
    private readonly minReloadIntervalMs = 2000,
  ) {}

  async get(): Promise<LineageAdjacency> {
    const version = await readLineageVersion(this.db);
    const current = this.current;
    if (
      current &&
      (current.version === version ||
        Date.now() - current.loadedAt < this.minReloadIntervalMs)
    ) {
      return current;
    }
    if (!this.loading) {
      this.loading = this.load(version).finally(() => {
        this.loading = undefined;
      });
    }
    this.current = await this.loading;
    return this.current;
  }

  private async load(version: string) {
    const pairs: { from_id: number; to_id: number }[] = await this.db(
      'lineage_edges',
    ).select('from_id', 'to_id');
    const maxRow = await this.db('lineage_nodes').max({ max: 'id' }).first();
    const size = Number(maxRow?.max ?? 0) + 1;
    const out = compress(pairs, size, 'from_id', 'to_id');
    const inn = compress(pairs, size, 'to_id', 'from_id');
    return {
      version,
      loadedAt: Date.now(),
      outOffsets: out.offsets,
      outTargets: out.targets,
      inOffsets: inn.offsets,
      inTargets: inn.targets,
    };
  }
}
