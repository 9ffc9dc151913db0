import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useFreshErrors } from './useFreshErrors';
import { nameTakenMessage } from './validation';

/** Whether an event type has this name already, asked once typing pauses. */
function useNameTaken(name: string): boolean {
  const catalogApi = useApi(catalogApiRef);
  const [settled, setSettled] = useState(name);
  useDebounce(() => setSettled(name), 300, [name]);
  const { value: taken } = useAsync(async () => {
    if (!settled) return false;
    const existing = await catalogApi.getEntityByRef({
      kind: 'EventType',
      namespace: 'default',
      name: settled,
    });
    return existing !== undefined;
  }, [catalogApi, settled]);
  return settled === name && taken === true;
}

/**
 * The scaffolder field `EventTypeName`: the name of a new event type, with
 * what is wrong with it right below the input: a taken name as you type,
 * the step's validation errors until the name changes (templates set
 * `ui:hideError: true` on it).
 */
export function EventTypeNameField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, schema, idSchema, required, disabled } = props;
  const name = formData ?? '';
  const reported = useFreshErrors(props.rawErrors, formData);
  const taken = useNameTaken(name);
  const errors =
    taken && !reported.includes(nameTakenMessage(name))
      ? [...reported, nameTakenMessage(name)]
      : reported;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      required={required}
      disabled={disabled}
      fullWidth
      margin="normal"
      value={name}
      error={errors.length > 0}
      helperText={errors.length > 0 ? errors.join('; ') : schema.description}
      FormHelperTextProps={errors.length > 0 ? { role: 'alert' } : undefined}
      onChange={e => onChange(e.target.value || undefined)}
    />
  );
}
