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

/** The scaffolder form fields of the event type templates, the schema editor among them. */
export const eventTypeFormFields = [
  schemaEditorFormField,
  FormFieldBlueprint.make({
    name: 'event-type-name',
    params: {
      field: () => import('./formField').then(m => m.eventTypeNameFormField),
    },
  }),
  FormFieldBlueprint.make({
    name: 'pii-review',
    params: {
      field: () => import('./formField').then(m => m.piiReviewFormField),
    },
  }),
  FormFieldBlueprint.make({
    name: 'event-type-consumer-decision',
    params: {
      field: () =>
        import('./consumerDecisionFormField').then(
          m => m.consumerDecisionFormField,
        ),
    },
  }),
  FormFieldBlueprint.make({
    name: 'event-type-picker',
    params: {
      field: () => import('./formField').then(m => m.eventTypePickerFormField),
    },
  }),
];
