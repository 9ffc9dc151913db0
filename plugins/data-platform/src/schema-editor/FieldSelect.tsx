import { makeStyles, TextField } from '@material-ui/core';

// A native select as wide as its longest option ("BIGNUMERIC",
// "pseudonymize"), so no choice is cut off at any page width.
const useStyles = makeStyles(
  { select: { width: 'auto', minWidth: 96, flex: '0 0 auto' } },
  { name: 'DataPlatformFieldSelect' },
);

/** A field property chosen from a fixed list (type, mode, PII), as a native select. */
export function FieldSelect<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly T[];
  disabled?: boolean;
  onChange(value: T): void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      className={classes.select}
      id={props.id}
      label={props.label}
      size="small"
      variant="outlined"
      SelectProps={{ native: true }}
      value={props.value}
      disabled={props.disabled}
      onChange={e => props.onChange(e.target.value as T)}
    >
      {props.options.map(option => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}
