import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The scaffolder form field `EventTypeSchemaEditor`
 * (extension `scaffolder-form-field:data-platform/event-type-schema-editor`).
 */
export const schemaEditorFormField = FormFieldBlueprint.make({
  name: 'event-type-schema-editor',
  params: {
    field: () => import('./formField').then(m => m.eventTypeSchemaFormField),
  },
});
