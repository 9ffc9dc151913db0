import { Knex } from 'knex';
import {
  FieldMode,
  FieldType,
  PiiClassification,
  SchemaFieldEntityKind,
  SchemaFieldHit,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { chunk } from '../../database/chunk';
import { SchemaFieldRecord } from './schemaFieldRecord';

// Rows per insert: 10 columns x 90 rows stays under SQLite's 999 bindings.
const INSERT_BATCH = 90;
// Refs per IN list.
const REF_BATCH = 500;

/** Which fields a search finds, and which page of them. */
export type SchemaFieldQuery = {
  /** Part of a field's name or dotted path, any case. */
  query: string;
  kind?: SchemaFieldEntityKind;
  /** The owner's full entity ref. */
  owner?: string;
  /** A PII classification, or `personal` for any but `none`. */
  pii?: PiiClassification | 'personal';
  limit: number;
  offset: number;
};

/** Where a page of the document stream starts: after this entity's field. */
export type SchemaFieldCursor = { entityRef: string; position: number };

type HitRow = {
  entity_ref: string;
  kind: SchemaFieldEntityKind;
  title: string;
  owner: string | null;
  schema_ref: string;
  position: number;
  path: string;
  type: string;
  mode: string;
  description: string | null;
  pii: string;
};

/**
 * The schema field index: one row per field of every event type and data
 * endpoint (see the 20261220_schema_field_index migration). Entities are put
 * and removed one changed entity at a time by the catalog sync.
 */
export class DatabaseSchemaFieldStore {
  constructor(private readonly db: Knex) {}

  async entityEtags(kinds?: string[]): Promise<Map<string, string>> {
    let query = this.db('schema_field_entities').select('entity_ref', 'etag');
    if (kinds) {
      query = query.where(q => {
        for (const kind of kinds) q.orWhere('entity_ref', 'like', `${kind}:%`);
      });
    }
    const rows: { entity_ref: string; etag: string }[] = await query;
    return new Map(rows.map(r => [r.entity_ref, r.etag]));
  }

  async entityEtagsOf(refs: string[]): Promise<Map<string, string>> {
    const etags = new Map<string, string>();
    for (const batch of chunk(refs, REF_BATCH)) {
      const rows: { entity_ref: string; etag: string }[] = await this.db(
        'schema_field_entities',
      )
        .select('entity_ref', 'etag')
        .whereIn('entity_ref', batch);
      rows.forEach(r => etags.set(r.entity_ref, r.etag));
    }
    return etags;
  }

  async countEntities(kinds: string[]): Promise<number> {
    const [{ count }] = await this.db('schema_field_entities')
      .where(q => {
        for (const kind of kinds) q.orWhere('entity_ref', 'like', `${kind}:%`);
      })
      .count({ count: '*' });
    return Number(count);
  }

  /** Replaces these entities' rows, fields and all, in one transaction. */
  async upsertEntities(records: SchemaFieldRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.transaction(async tx => {
      for (const batch of chunk(records, REF_BATCH)) {
        const refs = batch.map(r => r.entityRef);
        await tx('schema_fields').whereIn('entity_ref', refs).delete();
        await tx('schema_field_entities')
          .insert(
            batch.map(r => ({
              entity_ref: r.entityRef,
              etag: r.etag,
              kind: r.kind,
              title: r.title,
              owner: r.owner ?? null,
              schema_ref: r.schemaRef,
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
      const rows = records.flatMap(r =>
        r.fields.map((f, position) => ({
          entity_ref: r.entityRef,
          position,
          path: f.path,
          path_lower: f.path.toLocaleLowerCase('en-US'),
          name_lower: leafName(f.path).toLocaleLowerCase('en-US'),
          depth: f.depth,
          type: f.type,
          mode: f.mode,
          description: f.description ?? null,
          pii: f.pii,
        })),
      );
      for (const batch of chunk(rows, INSERT_BATCH)) {
        await tx('schema_fields').insert(batch);
      }
    });
  }

  async removeEntities(refs: string[]): Promise<void> {
    if (refs.length === 0) return;
    await this.db.transaction(async tx => {
      for (const batch of chunk(refs, REF_BATCH)) {
        await tx('schema_fields').whereIn('entity_ref', batch).delete();
        await tx('schema_field_entities').whereIn('entity_ref', batch).delete();
      }
    });
  }

  /**
   * Fields whose name or path contains the query: those named exactly the
   * query first, then those whose path is the query, then names starting
   * with it, then the rest; by entity title and path within each.
   */
  async search(query: SchemaFieldQuery): Promise<SchemaFieldHit[]> {
    const lower = query.query.toLocaleLowerCase('en-US');
    // `_`, `%` and `\` are LIKE wildcards and its escape: escaped, they
    // match only themselves (user_id is full of underscores).
    const needle = lower.replace(/[%_\\]/g, c => `\\${c}`);
    let rows = this.joined().whereRaw(`f.path_lower LIKE ? ESCAPE '\\'`, [
      `%${needle}%`,
    ]);
    if (query.kind) rows = rows.where('e.kind', query.kind);
    if (query.owner) rows = rows.where('e.owner', query.owner);
    if (query.pii === 'personal') rows = rows.whereNot('f.pii', 'none');
    else if (query.pii) rows = rows.where('f.pii', query.pii);
    const found: HitRow[] = await rows
      .orderByRaw(
        `CASE WHEN f.name_lower = ? THEN 0 WHEN f.path_lower = ? THEN 1 ` +
          `WHEN f.name_lower LIKE ? ESCAPE '\\' THEN 2 ELSE 3 END`,
        [lower, lower, `${needle}%`],
      )
      // Lowercased: PostgreSQL's collation and SQLite's bytes order cases apart.
      .orderByRaw('LOWER(e.title)')
      .orderBy('e.entity_ref')
      .orderBy('f.position')
      .limit(query.limit)
      .offset(query.offset);
    return found.map(toHit);
  }

  /** Every field of every entity, a page at a time, in a stable order. */
  async documents(
    limit: number,
    after?: SchemaFieldCursor,
  ): Promise<{ items: SchemaFieldHit[]; next?: SchemaFieldCursor }> {
    let rows = this.joined();
    if (after) {
      rows = rows.where(q =>
        q
          .where('e.entity_ref', '>', after.entityRef)
          .orWhere(q2 =>
            q2
              .where('e.entity_ref', after.entityRef)
              .andWhere('f.position', '>', after.position),
          ),
      );
    }
    const found: HitRow[] = await rows
      .orderBy('e.entity_ref')
      .orderBy('f.position')
      .limit(limit);
    const last = found[found.length - 1];
    return {
      items: found.map(toHit),
      next:
        found.length === limit
          ? { entityRef: last.entity_ref, position: last.position }
          : undefined,
    };
  }

  /** How many fields the index shows, counting each endpoint's own. */
  async countFields(): Promise<number> {
    const [{ count }] = await this.db('schema_field_entities as e')
      .join('schema_fields as f', 'f.entity_ref', 'e.schema_ref')
      .count({ count: '*' });
    return Number(count);
  }

  /** Each entity with the fields of the entity whose schema it shows. */
  private joined() {
    return this.db('schema_field_entities as e')
      .join('schema_fields as f', 'f.entity_ref', 'e.schema_ref')
      .select(
        'e.entity_ref',
        'e.kind',
        'e.title',
        'e.owner',
        'e.schema_ref',
        'f.position',
        'f.path',
        'f.type',
        'f.mode',
        'f.description',
        'f.pii',
      );
  }
}

function leafName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function toHit(row: HitRow): SchemaFieldHit {
  return {
    path: row.path,
    name: leafName(row.path),
    type: row.type as FieldType,
    mode: row.mode as FieldMode,
    ...(row.description ? { description: row.description } : {}),
    pii: row.pii as PiiClassification,
    entityRef: row.entity_ref,
    entityKind: row.kind,
    entityTitle: row.title,
    ...(row.owner ? { owner: row.owner } : {}),
    schemaRef: row.schema_ref,
  };
}
