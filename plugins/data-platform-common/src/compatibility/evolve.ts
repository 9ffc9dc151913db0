import type {
  CompatibilityMode,
  EventTypeEntity,
  SchemaRevision,
} from '../kinds/entities';
import type { SchemaField } from '../schema/fields';
import { checkCompatibility } from './checkCompatibility';
import type { CompatibilityReport } from './types';

/** An event type's `spec.schema`. */
export type EventTypeSchema = EventTypeEntity['spec']['schema'];

/** Every revision of an event type's schema, the current one last. */
export function schemaRevisions(schema: EventTypeSchema): SchemaRevision[] {
  const history = (schema.history ?? []).filter(
    r => r.revision !== schema.revision,
  );
  return [
    ...history,
    { revision: schema.revision, fields: schema.fields },
  ].sort((a, b) => a.revision - b.revision);
}

/** Checks proposed fields against an event type's current schema and its history. */
export function checkSchemaEvolution(
  schema: EventTypeSchema,
  fields: SchemaField[],
  mode?: CompatibilityMode,
): CompatibilityReport {
  return checkCompatibility({
    mode: mode ?? schema.compatibility,
    previous: schemaRevisions(schema),
    fields,
  });
}

/**
 * Annotations on an EventType describing when its current revision was
 * written and why; the schema model has no place for them until the revision
 * moves into `history`, where `nextSchemaRevision` copies them.
 */
export const ANNOTATION_SCHEMA_REVISED_AT = 'dataplatform.io/schema-revised-at';
/** See {@link ANNOTATION_SCHEMA_REVISED_AT}. */
export const ANNOTATION_SCHEMA_REVISION_COMMENT =
  'dataplatform.io/schema-revision-comment';

/**
 * The schema after an evolution: the revision number incremented, the
 * current fields moved into the history (oldest first, with `current`'s
 * createdAt and comment when known), the new fields current.
 */
export function nextSchemaRevision(
  schema: EventTypeSchema,
  fields: SchemaField[],
  options: {
    compatibility?: CompatibilityMode;
    current?: { createdAt?: string; comment?: string };
  } = {},
): EventTypeSchema {
  const moved: SchemaRevision = {
    revision: schema.revision,
    fields: schema.fields,
    ...(options.current?.createdAt
      ? { createdAt: options.current.createdAt }
      : {}),
    ...(options.current?.comment ? { comment: options.current.comment } : {}),
  };
  const history = [
    ...(schema.history ?? []).filter(r => r.revision !== schema.revision),
    moved,
  ].sort((a, b) => a.revision - b.revision);
  const compatibility = options.compatibility ?? schema.compatibility;
  return {
    revision: schema.revision + 1,
    ...(compatibility ? { compatibility } : {}),
    fields,
    history,
  };
}
