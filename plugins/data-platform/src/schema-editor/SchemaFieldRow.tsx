import {
  Box,
  FormHelperText,
  IconButton,
  makeStyles,
  TextField,
  Tooltip,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  FIELD_MODES,
  FIELD_TYPES,
  fieldMode,
  fieldPii,
  PII_CLASSIFICATIONS,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';

const useStyles = makeStyles(theme => ({
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
  select: { width: 130 },
  description: { flex: '1 1 220px' },
  actions: { display: 'flex', alignItems: 'center' },
  problems: { flexBasis: '100%', marginTop: 0 },
}));

/** What one row can ask of the tree. */
export interface FieldRowActions {
  change(patch: Partial<SchemaField>): void;
  remove(): void;
  move(by: -1 | 1): void;
  addNested(): void;
  toggle(): void;
}

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
  const label = path;
  const nameProblems = problems.name ?? [];
  const otherProblems = [
    ...(problems.fields ?? []),
    ...(problems.type ?? []),
    ...(problems.mode ?? []),
    ...(problems.field ?? []),
  ];
  const isRecord = field.type === 'RECORD';
  return (
    <Box
      role="group"
      aria-label={`Field ${label}`}
      className={classes.row}
      style={{ marginLeft: depth * 24 }}
    >
      <TextField
        className={classes.name}
        id={`schema-field-${props.id}-name`}
        label="Name"
        size="small"
        variant="outlined"
        value={field.name}
        disabled={disabled}
        error={nameProblems.length > 0}
        helperText={nameProblems.join('; ') || undefined}
        onChange={e => actions.change({ name: e.target.value })}
      />
      <TextField
        select
        className={classes.select}
        id={`schema-field-${props.id}-type`}
        label="Type"
        size="small"
        variant="outlined"
        SelectProps={{ native: true }}
        value={field.type}
        disabled={disabled}
        onChange={e =>
          actions.change({ type: e.target.value as SchemaField['type'] })
        }
      >
        {FIELD_TYPES.map(type => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </TextField>
      <TextField
        select
        className={classes.select}
        id={`schema-field-${props.id}-mode`}
        label="Mode"
        size="small"
        variant="outlined"
        SelectProps={{ native: true }}
        value={fieldMode(field)}
        disabled={disabled}
        onChange={e =>
          actions.change({ mode: e.target.value as SchemaField['mode'] })
        }
      >
        {FIELD_MODES.map(mode => (
          <option key={mode} value={mode}>
            {mode}
          </option>
        ))}
      </TextField>
      <TextField
        select
        className={classes.select}
        id={`schema-field-${props.id}-pii`}
        label="PII"
        size="small"
        variant="outlined"
        SelectProps={{ native: true }}
        value={fieldPii(field)}
        disabled={disabled}
        onChange={e =>
          actions.change({
            pii:
              e.target.value === 'none'
                ? undefined
                : (e.target.value as SchemaField['pii']),
          })
        }
      >
        {PII_CLASSIFICATIONS.map(pii => (
          <option key={pii} value={pii}>
            {pii}
          </option>
        ))}
      </TextField>
      <TextField
        className={classes.description}
        id={`schema-field-${props.id}-description`}
        label="Description"
        size="small"
        variant="outlined"
        value={field.description ?? ''}
        disabled={disabled}
        onChange={e =>
          actions.change({ description: e.target.value || undefined })
        }
      />
      <Box className={classes.actions}>
        <Tooltip title="Move up">
          <span>
            <IconButton
              size="small"
              aria-label={`Move ${label} up`}
              disabled={disabled || props.first}
              onClick={() => actions.move(-1)}
            >
              <ArrowUpwardIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Move down">
          <span>
            <IconButton
              size="small"
              aria-label={`Move ${label} down`}
              disabled={disabled || props.last}
              onClick={() => actions.move(1)}
            >
              <ArrowDownwardIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        {isRecord && (
          <>
            <Tooltip title="Add a nested field">
              <IconButton
                size="small"
                aria-label={`Add a field to ${label}`}
                disabled={disabled}
                onClick={actions.addNested}
              >
                <AddIcon fontSize="small" />
              </IconButton>
            </Tooltip>
            <Tooltip
              title={
                props.collapsed ? 'Show nested fields' : 'Hide nested fields'
              }
            >
              <IconButton
                size="small"
                aria-label={`${
                  props.collapsed ? 'Show' : 'Hide'
                } the fields of ${label}`}
                onClick={actions.toggle}
              >
                {props.collapsed ? (
                  <ExpandMoreIcon fontSize="small" />
                ) : (
                  <ExpandLessIcon fontSize="small" />
                )}
              </IconButton>
            </Tooltip>
          </>
        )}
        <Tooltip title="Remove">
          <IconButton
            size="small"
            aria-label={`Remove ${label}`}
            disabled={disabled}
            onClick={actions.remove}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {otherProblems.length > 0 && (
        <FormHelperText error className={classes.problems}>
          {otherProblems.join('; ')}
        </FormHelperText>
      )}
    </Box>
  );
}
