import { TextField } from '@material-ui/core';
import {
  SCHEMA_FORMATS,
  SchemaFormat,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The schema format an import reads or an export writes, as a native select. */
export function SchemaFormatSelect(props: {
  id: string;
  value: SchemaFormat;
  onChange(format: SchemaFormat): void;
  /** How a format is named in the list; its title unless told. */
  labelOf?(format: (typeof SCHEMA_FORMATS)[number]): string;
}) {
  const labelOf = props.labelOf ?? (format => format.title);
  return (
    <TextField
      select
      id={props.id}
      label="Format"
      variant="outlined"
      size="small"
      SelectProps={{ native: true }}
      value={props.value}
      onChange={e => props.onChange(e.target.value as SchemaFormat)}
    >
      {SCHEMA_FORMATS.map(format => (
        <option key={format.id} value={format.id}>
          {labelOf(format)}
        </option>
      ))}
    </TextField>
  );
}
