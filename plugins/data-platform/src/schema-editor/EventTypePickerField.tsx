import useAsync from 'react-use/esm/useAsync';
import { TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useFreshErrors } from './useFreshErrors';

/** An event type as the picker lists it. */
interface EventTypeOption {
  ref: string;
  name: string;
  title?: string;
}

const label = (option: EventTypeOption) =>
  option.title ? `${option.title} (${option.name})` : option.name;

/**
 * The scaffolder field `EventTypePicker`: an existing event type, found by
 * its title or its name (`track-played` finds "Track Played"); the value is
 * its entity ref. (Backstage's EntityPicker matches the title only.)
 */
export function EventTypePickerField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, schema, idSchema, required, disabled } = props;
  const catalogApi = useApi(catalogApiRef);
  const errors = useFreshErrors(props.rawErrors, formData);
  const {
    value: options = [],
    loading,
    error,
  } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'EventType' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        name: entity.metadata.name,
        title: entity.metadata.title,
      }))
      .sort((a, b) => label(a).localeCompare(label(b)));
  }, [catalogApi]);
  const selected = options.find(option => option.ref === formData) ?? null;
  const problems = error
    ? [`Could not list the event types: ${error.message}`, ...errors]
    : errors;
  return (
    <Autocomplete
      id={idSchema?.$id}
      options={options}
      value={selected}
      loading={loading}
      disabled={disabled}
      getOptionLabel={label}
      getOptionSelected={(option, value) => option.ref === value.ref}
      onChange={(_, option) => onChange(option?.ref)}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Event type'}
          required={required}
          margin="normal"
          error={problems.length > 0}
          helperText={
            problems.length > 0 ? problems.join('; ') : schema.description
          }
        />
      )}
    />
  );
}
