import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import { parseOpenLineageNodeId } from './nodeIds';
import type { NodeRow } from './types';

const BATCH = 1000;

/** The node row for a public node id, or NotFoundError. */
export async function resolveNode(db: Knex, id: string): Promise<NodeRow> {
  const observed = parseOpenLineageNodeId(id);
  const row: NodeRow | undefined = observed
    ? await db('lineage_nodes')
        .where({ ol_namespace: observed.namespace, ol_name: observed.name })
        .first()
    : await db('lineage_nodes')
        .where('entity_ref', id.toLocaleLowerCase('en-US'))
        .first();
  if (!row) throw new NotFoundError(`No lineage node "${id}"`);
  return row;
}

/** The rows of these nodes, in batches that stay within bind limits. */
export async function nodeRowsByIds(
  db: Knex,
  ids: number[],
): Promise<NodeRow[]> {
  const rows: NodeRow[] = [];
  for (const batch of chunk(ids, BATCH)) {
    rows.push(...(await db('lineage_nodes').whereIn('id', batch)));
  }
  return rows;
}
