export { eventTypeFormFields, schemaEditorFormField } from './extension';
export { SchemaEditor } from './SchemaEditor';
export { SchemaEditorField } from './SchemaEditorField';
export { validateEventTypeSchema } from './validation';
export { SCHEMA_EDITOR_FIELD_NAME } from './types';
export type { EventTypeSchemaValue, SchemaEditorUiOptions } from './types';
