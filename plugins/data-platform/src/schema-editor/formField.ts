import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { SchemaEditorField } from './SchemaEditorField';
import { SCHEMA_EDITOR_FIELD_NAME } from './types';
import { validateEventTypeSchema } from './validation';

/** The form field behind {@link schemaEditorFormField}. */
export const eventTypeSchemaFormField = createFormField({
  name: SCHEMA_EDITOR_FIELD_NAME,
  component: SchemaEditorField,
  validation: validateEventTypeSchema,
});
