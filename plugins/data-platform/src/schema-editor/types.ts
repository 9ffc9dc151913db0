import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';

/** The name templates use for the field: `ui:field: EventTypeSchemaEditor`. */
export const SCHEMA_EDITOR_FIELD_NAME = 'EventTypeSchemaEditor';

/** What the field puts into the form: the fields, and when evolving, what they evolve. */
export interface EventTypeSchemaValue {
  fields: SchemaField[];
  /** When evolving: the event type. */
  entityRef?: string;
  /** When evolving: the revision the edit started from (the server refuses if it moved on). */
  baseRevision?: number;
  /**
   * For the scaffolder's Review step, which shows form values only (the
   * actions read `fields`): one line per field by path, and when evolving
   * the changes and the compatibility verdict as the editor showed them.
   */
  fieldList?: string[];
  changes?: string[];
  verdict?: string;
}

/** `ui:options` of the field. */
export interface SchemaEditorUiOptions {
  /** The form property holding the new event type's name (to name exports, and to check it is free). */
  eventTypeNameField?: string;
  /** The form property holding the entity ref of the event type to evolve: turns on evolve mode. */
  evolveFromField?: string;
}

/** What one field row can ask of the schema tree. */
export interface FieldRowActions {
  change(patch: Partial<SchemaField>): void;
  remove(): void;
  move(by: -1 | 1): void;
  addNested(): void;
  toggle(): void;
}
