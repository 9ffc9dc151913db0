import type { PiiClassification } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import type { DeclaredColumns } from './propagatePii';

const TABLE = 'pii_catalog_entities';
const BATCH = 200;

/** What PII propagation keeps of an EventType, DataEndpoint or Pipeline. */
export type PiiCatalogRecord = {
  entityRef: string;
  etag: string;
  kind: 'eventtype' | 'dataendpoint' | 'pipeline';
  title: string;
  owner?: string;
  /** The event type whose columns an endpoint has instead of its own. */
  eventTypeRef?: string;
  /** Every schema column (dotted path) with its PII mark, if marked. */
  columns: [string, PiiClassification | null][];
};

/** An entity's declared columns, resolved through its event type. */
export type DeclaredEntity = {
  entityRef: string;
  kind: string;
  title: string;
  owner?: string;
  columns: Map<string, PiiClassification | undefined>;
};

type Marks = Map<string, PiiClassification | undefined>;

const parseColumns = (text: string | null | undefined): Marks =>
  new Map(
    (text
      ? (JSON.parse(text) as [string, PiiClassification | null][])
      : []
    ).map(([column, mark]) => [column, mark ?? undefined]),
  );

/**
 * The catalog's declared PII marks, kept in step with the catalog, and the
 * queue of lineage nodes whose PII must be recomputed: every change of an
 * entity's marks queues it, and an event type's change queues the endpoints
 * that store it.
 */
export class PiiCatalogStore {
  constructor(private readonly db: Knex) {}

  async etags(kinds?: string[]): Promise<Map<string, string>> {
    const query = this.db(TABLE).select('entity_ref', 'etag');
    if (kinds) query.whereIn('kind', kinds);
    const rows = await query;
    return new Map(rows.map(r => [r.entity_ref, r.etag]));
  }

  async etagsOf(refs: string[]): Promise<Map<string, string>> {
    const etags = new Map<string, string>();
    for (const batch of chunk(refs, BATCH)) {
      const rows = await this.db(TABLE)
        .select('entity_ref', 'etag')
        .whereIn('entity_ref', batch);
      rows.forEach(r => etags.set(r.entity_ref, r.etag));
    }
    return etags;
  }

  async count(kinds: string[]): Promise<number> {
    const [{ count }] = await this.db(TABLE)
      .whereIn('kind', kinds)
      .count({ count: '*' });
    return Number(count);
  }

  async put(records: PiiCatalogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.transaction(async tx => {
      for (const batch of chunk(records, BATCH)) {
        await tx(TABLE)
          .insert(
            batch.map(r => ({
              entity_ref: r.entityRef,
              etag: r.etag,
              kind: r.kind,
              title: r.title,
              owner: r.owner ?? null,
              event_type_ref: r.eventTypeRef ?? null,
              columns: JSON.stringify(r.columns),
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
      await this.markChanged(
        tx,
        records.map(r => r.entityRef),
      );
    });
  }

  async remove(refs: string[]): Promise<void> {
    if (refs.length === 0) return;
    await this.db.transaction(async tx => {
      await this.markChanged(tx, refs);
      for (const batch of chunk(refs, BATCH)) {
        await tx(TABLE).whereIn('entity_ref', batch).delete();
      }
    });
  }

  /** Queues these entities and the endpoints storing any of them. */
  private async markChanged(tx: Knex.Transaction, refs: string[]) {
    const nodes = new Set(refs);
    for (const batch of chunk(refs, BATCH)) {
      const rows = await tx(TABLE)
        .select('entity_ref')
        .whereIn('event_type_ref', batch);
      rows.forEach(r => nodes.add(r.entity_ref));
    }
    await markDirty(tx, [...nodes]);
  }

  /**
   * Declared columns of the entities behind these lineage node ids (all
   * when omitted), with each node's entity.
   */
  async declaredOf(nodeIds?: number[]): Promise<{
    declared: DeclaredColumns;
    entities: Map<number, DeclaredEntity>;
  }> {
    const declared: DeclaredColumns = new Map();
    const entities = new Map<number, DeclaredEntity>();
    const read = async (ids?: number[]) => {
      const query = this.db(`${TABLE} as e`)
        .join('lineage_nodes as n', 'n.entity_ref', 'e.entity_ref')
        .leftJoin(`${TABLE} as t`, 't.entity_ref', 'e.event_type_ref')
        .select(
          'n.id',
          'e.entity_ref',
          'e.kind',
          'e.title',
          'e.owner',
          'e.columns',
          { event_type_columns: 't.columns' },
          'e.event_type_ref',
        );
      if (ids) query.whereIn('n.id', ids);
      for (const row of await query) {
        const columns = parseColumns(
          row.event_type_ref ? row.event_type_columns : row.columns,
        );
        const id = Number(row.id);
        if (columns.size > 0) declared.set(id, columns);
        entities.set(id, {
          entityRef: row.entity_ref,
          kind: row.kind,
          title: row.title,
          ...(row.owner ? { owner: row.owner } : {}),
          columns,
        });
      }
    };
    if (nodeIds) {
      for (const batch of chunk(nodeIds, 500)) await read(batch);
    } else {
      await read();
    }
    return { declared, entities };
  }

  /** One entity's declared columns, resolved through its event type. */
  async declaredByRef(ref: string): Promise<DeclaredEntity | undefined> {
    const row = await this.db(`${TABLE} as e`)
      .leftJoin(`${TABLE} as t`, 't.entity_ref', 'e.event_type_ref')
      .where('e.entity_ref', ref)
      .first(
        'e.entity_ref',
        'e.kind',
        'e.title',
        'e.owner',
        'e.columns',
        'e.event_type_ref',
        { event_type_columns: 't.columns' },
      );
    if (!row) return undefined;
    return {
      entityRef: row.entity_ref,
      kind: row.kind,
      title: row.title,
      ...(row.owner ? { owner: row.owner } : {}),
      columns: parseColumns(
        row.event_type_ref ? row.event_type_columns : row.columns,
      ),
    };
  }
}

/** Queues lineage nodes (public ids; '*' for all) for recomputing. */
export async function markDirty(
  db: Knex | Knex.Transaction,
  nodes: string[],
  now = Date.now(),
): Promise<void> {
  for (const batch of chunk([...new Set(nodes)], BATCH)) {
    await db('pii_dirty_nodes')
      .insert(batch.map(node => ({ node, marked_at: now })))
      .onConflict('node')
      .merge(['marked_at']);
  }
}
