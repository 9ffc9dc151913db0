import { useCallback, useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Box, FormHelperText, FormLabel, Typography } from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  checkSchemaEvolution,
  EventTypeEntity,
  isEventTypeEntity,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { useStatusTextStyles } from '../theme/useStatusTextStyles';
import { EvolutionPanel } from './EvolutionPanel';
import { SchemaEditor } from './SchemaEditor';
import { fieldReviewLines, verdictLine } from './schemaReview';
import type { EventTypeSchemaValue, SchemaEditorUiOptions } from './types';
import { useFreshErrors } from './useFreshErrors';

/** The field's value: the fields, and what the Review step shows of them. */
function schemaValue(
  fields: SchemaField[],
  evolving?: { entity: EventTypeEntity; entityRef: string },
): EventTypeSchemaValue {
  const value: EventTypeSchemaValue = {
    fields,
    fieldList: fieldReviewLines(fields),
  };
  if (!evolving) return value;
  const schema = evolving.entity.spec.schema;
  const report = checkSchemaEvolution(schema, fields);
  return {
    ...value,
    entityRef: evolving.entityRef,
    baseRevision: schema.revision,
    changes: report.changes.map(c => `${c.path}: ${c.description}`),
    verdict: verdictLine(report),
  };
}

/**
 * The scaffolder field `EventTypeSchemaEditor`. Registering: an empty
 * schema to fill in. Evolving (`ui:options.evolveFromField` names the form
 * property holding the event type's ref): the current revision loads into
 * the editor, and the changes, the compatibility verdict and the consumers
 * affected show below it. Errors from the step's validation show until the
 * schema changes (templates set `ui:hideError: true` on it).
 */
export function SchemaEditorField(
  props: FieldExtensionComponentProps<
    EventTypeSchemaValue,
    SchemaEditorUiOptions
  >,
) {
  const { formData, onChange, uiSchema, formContext, schema, disabled } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const allData = (formContext?.formData ?? {}) as Record<string, unknown>;
  const evolveFrom = options.evolveFromField
    ? (allData[options.evolveFromField] as string | undefined)
    : undefined;
  const name = options.eventTypeNameField
    ? (allData[options.eventTypeNameField] as string | undefined)
    : evolveFrom?.replace(/^.*\//, '');
  const fields = formData?.fields ?? [];
  const errors = useFreshErrors(props.rawErrors, fields);
  const { readableErrors } = useStatusTextStyles();

  const catalogApi = useApi(catalogApiRef);
  const current = useAsync(async () => {
    if (!evolveFrom) return undefined;
    const entity = await catalogApi.getEntityByRef(evolveFrom);
    if (!isEventTypeEntity(entity)) {
      throw new Error(`${evolveFrom} is not an event type in the catalog`);
    }
    return entity as EventTypeEntity;
  }, [catalogApi, evolveFrom]);

  const loadedForEvolution =
    !!current.value && !!evolveFrom && formData?.entityRef === evolveFrom;
  const change = useCallback(
    (next: SchemaField[], entity?: EventTypeEntity) =>
      onChange(
        schemaValue(
          next,
          entity && evolveFrom ? { entity, entityRef: evolveFrom } : undefined,
        ),
      ),
    [onChange, evolveFrom],
  );

  // Load the current revision when an event type is picked (or another one).
  useEffect(() => {
    const entity = current.value;
    if (!entity || !evolveFrom || formData?.entityRef === evolveFrom) return;
    change(entity.spec.schema.fields, entity);
  }, [current.value, evolveFrom, formData?.entityRef, change]);

  return (
    <Box mb={2} className={readableErrors}>
      <FormLabel required={props.required}>
        {schema.title ?? 'Schema'}
      </FormLabel>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {options.evolveFromField && !evolveFrom && (
        <Typography variant="body2">Pick the event type first.</Typography>
      )}
      {current.loading && (
        <Typography variant="body2">Loading the current schema…</Typography>
      )}
      {current.error && (
        <FormHelperText error>{current.error.message}</FormHelperText>
      )}
      {(!options.evolveFromField || loadedForEvolution) && (
        <SchemaEditor
          fields={fields}
          name={name}
          disabled={disabled}
          onChange={next => change(next, current.value)}
        />
      )}
      {errors.map(error => (
        <FormHelperText error key={error} role="alert">
          {error}
        </FormHelperText>
      ))}
      {loadedForEvolution && (
        <EvolutionPanel
          entity={current.value!}
          entityRef={evolveFrom!}
          fields={fields}
        />
      )}
    </Box>
  );
}
