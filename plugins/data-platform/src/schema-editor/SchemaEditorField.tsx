import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Box, FormHelperText, FormLabel, Typography } from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  EventTypeEntity,
  isEventTypeEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { EvolutionPanel } from './EvolutionPanel';
import { SchemaEditor } from './SchemaEditor';
import type { EventTypeSchemaValue, SchemaEditorUiOptions } from './types';

/**
 * The scaffolder field `EventTypeSchemaEditor`. Registering: an empty
 * schema to fill in. Evolving (`ui:options.evolveFromField` names the form
 * property holding the event type's ref): the current revision loads into
 * the editor, and the changes, the compatibility verdict and the consumers
 * affected show below it.
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

  const catalogApi = useApi(catalogApiRef);
  const current = useAsync(async () => {
    if (!evolveFrom) return undefined;
    const entity = await catalogApi.getEntityByRef(evolveFrom);
    if (!isEventTypeEntity(entity)) {
      throw new Error(`${evolveFrom} is not an event type in the catalog`);
    }
    return entity as EventTypeEntity;
  }, [catalogApi, evolveFrom]);

  // Load the current revision when an event type is picked (or another one).
  useEffect(() => {
    const entity = current.value;
    if (!entity || !evolveFrom || formData?.entityRef === evolveFrom) return;
    onChange({
      fields: entity.spec.schema.fields,
      entityRef: evolveFrom,
      baseRevision: entity.spec.schema.revision,
    });
  }, [current.value, evolveFrom, formData?.entityRef, onChange]);

  const loadedForEvolution =
    !!current.value && !!evolveFrom && formData?.entityRef === evolveFrom;

  return (
    <Box mb={2}>
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
          onChange={next => onChange({ ...formData, fields: next })}
        />
      )}
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
