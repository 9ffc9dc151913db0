import type { FieldMode, FieldType, PiiClassification } from './fields';

/** The search document type of schema fields. */
export const SCHEMA_FIELD_DOCUMENT_TYPE = 'data-platform-field';

/** The query parameter of an entity page that opens its schema at a field. */
export const SCHEMA_FIELD_QUERY_PARAM = 'field';

/** The kinds whose schemas the field index holds. */
export const SCHEMA_FIELD_ENTITY_KINDS = ['EventType', 'DataEndpoint'] as const;

/** A kind whose schema the field index holds. */
export type SchemaFieldEntityKind = (typeof SCHEMA_FIELD_ENTITY_KINDS)[number];

/**
 * One schema field of one entity, as the field index answers it. A data
 * endpoint that stores an event type's schema shows that event type's fields
 * as its own, with `schemaRef` naming the event type.
 */
export type SchemaFieldHit = {
  /** The dotted path from the schema root, e.g. `context.device.os`. */
  path: string;
  /** The last part of the path. */
  name: string;
  type: FieldType;
  mode: FieldMode;
  description?: string;
  pii: PiiClassification;
  entityRef: string;
  entityKind: SchemaFieldEntityKind;
  entityTitle: string;
  /** The owner's entity ref, when the entity names one. */
  owner?: string;
  /** The entity whose YAML declares the field (the entity or its event type). */
  schemaRef: string;
};

/** GET /fields: a page of the fields whose name or path matches. */
export type SchemaFieldSearchResponse = {
  items: SchemaFieldHit[];
  offset: number;
  limit: number;
  /** Whether a further page has more matches the caller may read. */
  hasMore: boolean;
};

/** GET /fields/documents: a page of every field, in a stable order. */
export type SchemaFieldDocumentsResponse = {
  items: SchemaFieldHit[];
  /** Pass as `after` for the next page; absent on the last page. */
  nextCursor?: string;
};

/**
 * A schema field as a search document (type `data-platform-field`): what the
 * collator indexes and the search result list item shows.
 */
export type SchemaFieldSearchDocument = {
  /** The field's dotted path. */
  title: string;
  /** Its description and type. */
  text: string;
  /** The entity page, opened at the field. */
  location: string;
  path: string;
  type: FieldType;
  mode: FieldMode;
  pii: PiiClassification;
  kind: SchemaFieldEntityKind;
  owner: string;
  entityRef: string;
  entityTitle: string;
};
