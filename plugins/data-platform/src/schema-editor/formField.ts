import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { withReadableErrors } from '../theme/withReadableErrors';
import { EventTypeNameField } from './EventTypeNameField';
import { EventTypePickerField } from './EventTypePickerField';
import { PiiReviewField } from './PiiReviewField';
import { validatePiiReview } from './piiReview';
import { SchemaEditorField } from './SchemaEditorField';
import { SCHEMA_EDITOR_FIELD_NAME } from './types';
import { validateEventTypeName, validateEventTypeSchema } from './validation';

/** The form field behind {@link schemaEditorFormField}. */
export const eventTypeSchemaFormField = createFormField({
  name: SCHEMA_EDITOR_FIELD_NAME,
  component: SchemaEditorField, // writes its errors readably itself
  validation: validateEventTypeSchema,
});

/** `ui:field: EventTypeName`: a new event type's name, checked against the catalog. */
export const eventTypeNameFormField = createFormField({
  name: 'EventTypeName',
  component: withReadableErrors(EventTypeNameField),
  validation: validateEventTypeName,
});

/** `ui:field: PiiReview`: the PII classifications of the schema, and the box that confirms them. */
export const piiReviewFormField = createFormField({
  name: 'PiiReview',
  component: withReadableErrors(PiiReviewField),
  validation: validatePiiReview,
});

/** `ui:field: EventTypePicker`: an existing event type, found by title or name. */
export const eventTypePickerFormField = createFormField({
  name: 'EventTypePicker',
  component: withReadableErrors(EventTypePickerField),
});
