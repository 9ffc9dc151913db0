import { Box, FormHelperText, makeStyles, TextField } from '@material-ui/core';
import {
  FIELD_MODES,
  FIELD_TYPES,
  fieldMode,
  fieldPii,
  PII_CLASSIFICATIONS,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { FieldRowButtons } from './FieldRowButtons';
import { FieldSelect } from './FieldSelect';
import type { FieldRowActions } from './types';

const useStyles = makeStyles(
  theme => ({
    row: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-start',
      gap: theme.spacing(1),
      padding: theme.spacing(1, 0),
      borderLeft: `2px solid ${theme.palette.divider}`,
      paddingLeft: theme.spacing(1),
    },
    name: { width: 200 },
    description: { flex: '1 1 220px' },
    problems: { flexBasis: '100%', marginTop: 0 },
  }),
  { name: 'DataPlatformSchemaFieldRow' },
);

/**
 * One field of the schema: name, type, mode, PII classification and
 * description, with the problems of this field right below it.
 */
export function SchemaFieldRow(props: {
  field: SchemaField;
  /** Dotted path by name, for labels: `context.device.os`. */
  path: string;
  /** Unique among the rows (the position), for the inputs' ids. */
  id: string;
  depth: number;
  first: boolean;
  last: boolean;
  collapsed: boolean;
  disabled?: boolean;
  problems?: Record<string, string[]>;
  actions: FieldRowActions;
}) {
  const { field, path, depth, problems = {}, actions, disabled } = props;
  const classes = useStyles();
  const inputId = (property: string) => `schema-field-${props.id}-${property}`;
  const nameProblems = problems.name ?? [];
  const otherProblems = [
    ...(problems.fields ?? []),
    ...(problems.type ?? []),
    ...(problems.mode ?? []),
    ...(problems.field ?? []),
  ];
  return (
    <Box
      role="group"
      aria-label={`Field ${path}`}
      className={classes.row}
      style={{ marginLeft: depth * 24 }}
    >
      <TextField
        className={classes.name}
        id={inputId('name')}
        label="Name"
        size="small"
        variant="outlined"
        value={field.name}
        disabled={disabled}
        error={nameProblems.length > 0}
        helperText={nameProblems.join('; ') || undefined}
        onChange={e => actions.change({ name: e.target.value })}
      />
      <FieldSelect
        id={inputId('type')}
        label="Type"
        value={field.type}
        options={FIELD_TYPES}
        disabled={disabled}
        onChange={type => actions.change({ type })}
      />
      <FieldSelect
        id={inputId('mode')}
        label="Mode"
        value={fieldMode(field)}
        options={FIELD_MODES}
        disabled={disabled}
        onChange={mode => actions.change({ mode })}
      />
      <FieldSelect
        id={inputId('pii')}
        label="PII"
        value={fieldPii(field)}
        options={PII_CLASSIFICATIONS}
        disabled={disabled}
        onChange={pii =>
          actions.change({ pii: pii === 'none' ? undefined : pii })
        }
      />
      <TextField
        className={classes.description}
        id={inputId('description')}
        label="Description"
        size="small"
        variant="outlined"
        value={field.description ?? ''}
        disabled={disabled}
        onChange={e =>
          actions.change({ description: e.target.value || undefined })
        }
      />
      <FieldRowButtons
        label={path}
        isRecord={field.type === 'RECORD'}
        first={props.first}
        last={props.last}
        collapsed={props.collapsed}
        disabled={disabled}
        actions={actions}
      />
      {otherProblems.length > 0 && (
        <FormHelperText error className={classes.problems}>
          {otherProblems.join('; ')}
        </FormHelperText>
      )}
    </Box>
  );
}
