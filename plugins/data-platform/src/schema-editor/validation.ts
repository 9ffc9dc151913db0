import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  checkSchemaEvolution,
  isEventTypeEntity,
  schemaFieldProblems,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { fieldPathByName } from './fieldTree';
import type { EventTypeSchemaValue, SchemaEditorUiOptions } from './types';

/**
 * Keeps the form from going on with a schema the server would refuse: field
 * problems (each named by its path, `context.email`), an incompatible
 * evolution. (The scaffolder actions check all of it again.) A taken name
 * is the Name field's concern: {@link validateEventTypeName}.
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
        .map(p => {
          const path = fieldPathByName(fields, p.path);
          return path ? `${path}: ${p.message}` : p.message;
        })
        .join('; ')}`,
    );
    return;
  }
  const options = context.uiSchema?.['ui:options'] ?? {};
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi || !options.evolveFromField || !value?.entityRef) return;
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
};

/** Where a new event type's name is taken, as the Name field says it. */
export function nameTakenMessage(name: string): string {
  return `An event type named ${name} exists already; change its schema with the "Evolve an event type's schema" template, or choose another name`;
}

/** Keeps the form from going on with the name of an event type that exists. */
export const validateEventTypeName: CustomFieldValidator<
  string | undefined
> = async (name, validation, context) => {
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!name || !catalogApi) return;
  const existing = await catalogApi.getEntityByRef({
    kind: 'EventType',
    namespace: 'default',
    name,
  });
  if (existing) validation.addError(nameTakenMessage(name));
};
