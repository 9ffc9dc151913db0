import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  fieldMode,
  fieldPii,
  flattenFields,
  isDataEndpointEntity,
  isEventTypeEntity,
  SchemaField,
  SchemaFieldEntityKind,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { specRef } from '../CatalogSync/specRef';

/** One field as the index stores it, in depth-first order. */
export type IndexedField = {
  path: string;
  depth: number;
  type: string;
  mode: string;
  description?: string;
  pii: string;
};

/** What the field index keeps of one event type or data endpoint. */
export type SchemaFieldRecord = {
  entityRef: string;
  etag: string;
  kind: SchemaFieldEntityKind;
  title: string;
  owner?: string;
  /** The entity whose fields it shows: itself, or the event type it stores. */
  schemaRef: string;
  /** Its own fields; empty when it shows an event type's. */
  fields: IndexedField[];
};

/**
 * Flattens an event type's or a data endpoint's schema into the rows of the
 * field index; undefined for other kinds. A data endpoint that stores an
 * event type's schema keeps only the reference.
 */
export function toSchemaFieldRecord(
  entity: Entity,
): SchemaFieldRecord | undefined {
  const entityRef = stringifyEntityRef(entity);
  const base = {
    entityRef,
    etag: entity.metadata.etag ?? '',
    title: entity.metadata.title ?? entity.metadata.name,
    owner:
      typeof entity.spec?.owner === 'string'
        ? specRef(entity, entity.spec.owner, 'group')
        : undefined,
  };
  if (isEventTypeEntity(entity)) {
    return {
      ...base,
      kind: 'EventType',
      schemaRef: entityRef,
      fields: indexedFields(entity.spec.schema?.fields),
    };
  }
  if (isDataEndpointEntity(entity)) {
    const eventType = entity.spec.schema?.eventType;
    if (eventType) {
      return {
        ...base,
        kind: 'DataEndpoint',
        schemaRef: specRef(entity, eventType, 'eventtype'),
        fields: [],
      };
    }
    return {
      ...base,
      kind: 'DataEndpoint',
      schemaRef: entityRef,
      fields: indexedFields(entity.spec.schema?.fields),
    };
  }
  return undefined;
}

function indexedFields(fields: SchemaField[] | undefined): IndexedField[] {
  if (!Array.isArray(fields)) return [];
  return flattenFields(fields).map(({ path, depth, field }) => {
    if (typeof field.name !== 'string' || typeof field.type !== 'string') {
      throw new Error(`schema field ${path} has no name or type`);
    }
    return {
      path,
      depth,
      type: field.type,
      mode: fieldMode(field),
      description: field.description || undefined,
      pii: fieldPii(field),
    };
  });
}
