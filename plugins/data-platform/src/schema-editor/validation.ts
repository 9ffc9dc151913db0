import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  checkSchemaEvolution,
  isEventTypeEntity,
  schemaFieldProblems,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { EventTypeSchemaValue, SchemaEditorUiOptions } from './types';

/**
 * Keeps the form from going on with a schema the server would refuse: field
 * problems, a taken name for a new event type, an incompatible evolution.
 * (The scaffolder actions check all of it again.)
 */
export const validateEventTypeSchema: CustomFieldValidator<
  EventTypeSchemaValue | undefined,
  SchemaEditorUiOptions
> = async (value, validation, context) => {
  const fields = value?.fields ?? [];
  const problems = schemaFieldProblems(fields);
  if (problems.length > 0) {
    validation.addError(
      `${problems.length} problem${
        problems.length === 1 ? '' : 's'
      } in the schema: ${problems
        .map(p => (p.path ? `${p.path}: ${p.message}` : p.message))
        .join('; ')}`,
    );
    return;
  }
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) return;
  const options = context.uiSchema?.['ui:options'] ?? {};
  if (options.evolveFromField && value?.entityRef) {
    const entity = await catalogApi.getEntityByRef(value.entityRef);
    if (!isEventTypeEntity(entity)) return;
    const report = checkSchemaEvolution(entity.spec.schema, fields);
    if (!report.compatible) {
      validation.addError(
        `Not ${report.mode} compatible: ${report.issues
          .map(i => i.message)
          .join('; ')}`,
      );
    }
  } else if (options.eventTypeNameField) {
    const name = context.formData[options.eventTypeNameField];
    if (typeof name === 'string' && name) {
      const existing = await catalogApi.getEntityByRef({
        kind: 'EventType',
        namespace: 'default',
        name,
      });
      if (existing) {
        validation.addError(
          `An event type named ${name} exists already; change its schema with the "Evolve an event type's schema" template`,
        );
      }
    }
  }
};
