import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';
import { lineageVersion } from './lineageVersion';

const BATCH = 1000;

/**
 * The catalog pipelines downstream of an endpoint, from the lineage index:
 * those reading it, those reading what they write, and so on for up to
 * `maxDepth` pipelines in a row, over declared and observed edges alike;
 * at most `limit` of them, nearest first. Hop by hop with indexed IN lists.
 */
export async function downstreamReaders(
  db: Knex,
  endpointRef: string,
  options: { maxDepth: number; limit: number },
): Promise<string[]> {
  const start = await db('lineage_nodes')
    .select('id')
    .where('entity_ref', endpointRef)
    .first();
  if (!start) return [];
  const seen = new Set<number>([Number(start.id)]);
  const readers: string[] = [];
  let frontier = [Number(start.id)];
  // Endpoint -> pipeline -> endpoint -> ...: two edges per pipeline deep.
  for (let hop = 0; hop < options.maxDepth * 2 && frontier.length; hop++) {
    const next: number[] = [];
    for (const batch of chunk(frontier, BATCH)) {
      const rows: { id: number; kind: string; entity_ref: string | null }[] =
        await db('lineage_edges as e')
          .join('lineage_nodes as n', 'n.id', 'e.to_id')
          .select('n.id', 'n.kind', 'n.entity_ref')
          .whereIn('e.from_id', batch);
      for (const row of rows) {
        const id = Number(row.id);
        if (seen.has(id)) continue;
        seen.add(id);
        next.push(id);
        if (row.kind === 'Pipeline' && row.entity_ref) {
          readers.push(row.entity_ref);
        }
      }
    }
    if (readers.length >= options.limit) break;
    frontier = next;
  }
  return readers.slice(0, options.limit);
}

/**
 * Readers per endpoint, kept while the lineage graph's shape stays the same:
 * a bad partition is seen sweep after sweep while lineage changes rarely.
 */
export class ReadersCache {
  private readonly known = new Map<string, string[]>();
  private version?: string;

  constructor(
    private readonly db: Knex,
    private readonly options = { maxDepth: 10, limit: 200 },
  ) {}

  /** Forgets what the lineage index changed under; once per sweep. */
  async sync(): Promise<void> {
    const version = await lineageVersion(this.db);
    if (version !== this.version) {
      this.known.clear();
      this.version = version;
    }
  }

  async get(endpointRefs: string[]): Promise<string[]> {
    const all = new Set<string>();
    for (const ref of endpointRefs) {
      let readers = this.known.get(ref);
      if (!readers) {
        readers = await downstreamReaders(this.db, ref, this.options);
        this.known.set(ref, readers);
      }
      readers.forEach(r => all.add(r));
    }
    return [...all];
  }
}
