import { Knex } from 'knex';
import type { NodeRow } from './types';

/**
 * One backend instance's in-memory copy of the lineage index: every node's
 * row and the edges in compressed sparse rows. For node id `n`, its
 * downstream edges are positions `outOffsets[n] .. outOffsets[n+1]` of
 * `outTargets` (with `outDeclared` / `outLastSeen` alongside), its upstream
 * neighbours `inTargets[inOffsets[n] .. inOffsets[n+1]]`. A Spotify-size
 * index (110k nodes, 250k edges) takes a few tens of MB.
 */
export type LineageSnapshot = {
  version: string;
  nodes: Map<number, NodeRow>;
  byEntityRef: Map<string, number>;
  byOpenLineage: Map<string, number>;
  outOffsets: Int32Array;
  outTargets: Int32Array;
  outDeclared: Uint8Array;
  /** Epoch ms; NaN when never observed. */
  outLastSeen: Float64Array;
  inOffsets: Int32Array;
  inTargets: Int32Array;
};

// Observation times arriving out of order can be older than the newest one a
// snapshot holds and so escape the incremental refresh; a periodic rebuild
// bounds how long such a time can be stale.
const MAX_SNAPSHOT_AGE_MS = 5 * 60_000;

export type EdgeRow = {
  from_id: number;
  to_id: number;
  declared_by: string | null;
  last_seen_at: string | number | null;
};

/** Key of an OpenLineage identity in `byOpenLineage`. */
export function openLineageKey(namespace: string, name: string): string {
  return `${namespace}\0${name}`;
}

/** Positions in `outTargets` of the edges leaving `id`. */
export function outRange(s: LineageSnapshot, id: number): [number, number] {
  if (id + 1 >= s.outOffsets.length) return [0, 0];
  return [s.outOffsets[id], s.outOffsets[id + 1]];
}

/** Neighbours of `id` downstream (sign 1) or upstream (sign -1). */
export function neighbours(
  s: LineageSnapshot,
  id: number,
  sign: 1 | -1,
): Int32Array {
  const offsets = sign === 1 ? s.outOffsets : s.inOffsets;
  const targets = sign === 1 ? s.outTargets : s.inTargets;
  if (id + 1 >= offsets.length) return new Int32Array(0);
  return targets.subarray(offsets[id], offsets[id + 1]);
}

/** Reads the graph-shape version the writers bump. */
async function readLineageVersion(db: Knex): Promise<string> {
  const row = await db('lineage_version').where('id', 1).first();
  return String(row?.version ?? 0);
}

/** Bumps the graph-shape version; call inside the writing transaction. */
export async function bumpLineageVersion(tx: Knex | Knex.Transaction) {
  await tx('lineage_version').where('id', 1).increment('version', 1);
}

/**
 * Lets a long loop give the event loop back every `sliceMs` of work, so that
 * requests keep being answered while a Spotify-size snapshot (110k nodes,
 * 250k edges: a few hundred milliseconds of work) is built.
 */
class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  /** Whether iteration `i` should pause (checked every 1,024 iterations). */
  due(i: number): boolean {
    return (
      (i & 1023) === 1023 && performance.now() - this.sliceStart >= this.sliceMs
    );
  }

  async pause(): Promise<void> {
    await new Promise(resolve => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}

/**
 * A snapshot of these rows, built in slices of at most about `sliceMs` of
 * synchronous work.
 */
export async function buildSnapshot(
  version: string,
  nodeRows: NodeRow[],
  edges: EdgeRow[],
  sliceMs = 5,
): Promise<LineageSnapshot> {
  const slicer = new TimeSlicer(sliceMs);
  const nodes = new Map<number, NodeRow>();
  const byEntityRef = new Map<string, number>();
  const byOpenLineage = new Map<string, number>();
  let size = 1;
  for (let i = 0; i < nodeRows.length; i++) {
    const row = nodeRows[i];
    nodes.set(row.id, row);
    if (row.entity_ref) byEntityRef.set(row.entity_ref, row.id);
    if (row.ol_namespace && row.ol_name) {
      byOpenLineage.set(openLineageKey(row.ol_namespace, row.ol_name), row.id);
    }
    size = Math.max(size, row.id + 1);
    if (slicer.due(i)) await slicer.pause();
  }
  const outOffsets = new Int32Array(size + 1);
  const inOffsets = new Int32Array(size + 1);
  for (let i = 0; i < edges.length; i++) {
    outOffsets[edges[i].from_id + 1]++;
    inOffsets[edges[i].to_id + 1]++;
  }
  for (let i = 0; i < size; i++) {
    outOffsets[i + 1] += outOffsets[i];
    inOffsets[i + 1] += inOffsets[i];
  }
  const outCursor = outOffsets.slice(0, size);
  const inCursor = inOffsets.slice(0, size);
  const outTargets = new Int32Array(edges.length);
  const outDeclared = new Uint8Array(edges.length);
  const outLastSeen = new Float64Array(edges.length);
  const inTargets = new Int32Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    const at = outCursor[e.from_id]++;
    outTargets[at] = e.to_id;
    outDeclared[at] = e.declared_by === null ? 0 : 1;
    outLastSeen[at] = e.last_seen_at === null ? NaN : Number(e.last_seen_at);
    inTargets[inCursor[e.to_id]++] = e.from_id;
    if (slicer.due(i)) await slicer.pause();
  }
  return {
    version,
    nodes,
    byEntityRef,
    byOpenLineage,
    outOffsets,
    outTargets,
    outDeclared,
    outLastSeen,
    inOffsets,
    inTargets,
  };
}

/**
 * Keeps this instance's LineageSnapshot current. A check costs two small
 * queries run side by side: the version row that writers bump in their
 * transaction when the graph changes shape (then the snapshot is rebuilt, at
 * most once per `minReloadIntervalMs`), and the edges observed since the
 * newest observation time the snapshot holds (applied in place). Reads within
 * `checkIntervalMs` of the last check reuse it, so instances sharing one
 * database answer alike within that interval plus the rebuild interval, and
 * neighbourhood walks never wait on a query per hop.
 */
export class LineageGraphCache {
  private current?: LineageSnapshot & { loadedAt: number; seenUpTo: number };
  private checkedAt = 0;
  private loading?: Promise<
    LineageSnapshot & { loadedAt: number; seenUpTo: number }
  >;

  constructor(
    private readonly db: Knex,
    private readonly options: {
      /** Least time between two rebuilds while writes keep coming. */
      minReloadIntervalMs?: number;
      /** Reads within this long of the last check skip checking again. */
      checkIntervalMs?: number;
      /**
       * While a rebuild runs, answer from the snapshot in hand (with the
       * observations since applied) instead of waiting for it; reads after
       * the rebuild see the new graph. A rebuild of a Spotify-size graph
       * takes seconds, a neighbourhood walk a millisecond.
       */
      reloadInBackground?: boolean;
    } = {},
  ) {}

  /** The current snapshot; `fresh` forces a rebuild when the version moved. */
  async get(options: { fresh?: boolean } = {}): Promise<LineageSnapshot> {
    const current = this.current;
    const now = Date.now();
    if (
      current &&
      !options.fresh &&
      now - this.checkedAt < (this.options.checkIntervalMs ?? 0)
    ) {
      return current;
    }
    this.checkedAt = now;
    const [version, seen] = await Promise.all([
      readLineageVersion(this.db),
      current
        ? this.db<EdgeRow>('lineage_edges')
            .select('from_id', 'to_id', 'last_seen_at')
            .where('last_seen_at', '>=', current.seenUpTo)
        : Promise.resolve([]),
    ]);
    const age = current ? Date.now() - current.loadedAt : Infinity;
    if (
      current &&
      age < MAX_SNAPSHOT_AGE_MS &&
      (current.version === version ||
        (!options.fresh && age < (this.options.minReloadIntervalMs ?? 0)))
    ) {
      this.applyObservations(current, seen as EdgeRow[]);
      return current;
    }
    if (!this.loading) {
      this.loading = this.load(version)
        .then(snapshot => (this.current = snapshot))
        .finally(() => {
          this.loading = undefined;
        });
    }
    if (current && !options.fresh && this.options.reloadInBackground) {
      // A failed rebuild is tried again by the next read that checks; the
      // check's own queries fail loudly when the database is gone.
      this.loading.catch(() => {});
      this.applyObservations(current, seen as EdgeRow[]);
      return current;
    }
    return this.loading;
  }

  private applyObservations(
    snapshot: LineageSnapshot & { seenUpTo: number },
    rows: EdgeRow[],
  ) {
    for (const row of rows) {
      const seenAt = Number(row.last_seen_at);
      const [from, to] = outRange(snapshot, row.from_id);
      for (let i = from; i < to; i++) {
        if (snapshot.outTargets[i] === row.to_id) {
          snapshot.outLastSeen[i] = seenAt;
        }
      }
      snapshot.seenUpTo = Math.max(snapshot.seenUpTo, seenAt);
    }
  }

  private async load(version: string) {
    const [nodeRows, edges, newest] = await Promise.all([
      this.db<NodeRow>('lineage_nodes').select(
        'id',
        'kind',
        'title',
        'entity_ref',
        'entity_etag',
        'owner',
        'ol_namespace',
        'ol_name',
      ),
      this.db<EdgeRow>('lineage_edges').select(
        'from_id',
        'to_id',
        'declared_by',
        'last_seen_at',
      ),
      this.db('lineage_edges').max({ max: 'last_seen_at' }).first(),
    ]);
    return {
      ...(await buildSnapshot(
        version,
        nodeRows as NodeRow[],
        edges as EdgeRow[],
      )),
      loadedAt: Date.now(),
      seenUpTo: Number(newest?.max ?? 0),
    };
  }
}
