import { Box, IconButton, makeStyles, Tooltip } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { FieldRowActions } from './types';

const useStyles = makeStyles(
  { actions: { display: 'flex', alignItems: 'center' } },
  { name: 'DataPlatformFieldRowButtons' },
);

/**
 * A field row's buttons: move it up or down, add a nested field to a record
 * and fold its fields away, remove it. `label` names the field to screen
 * readers.
 */
export function FieldRowButtons(props: {
  label: string;
  isRecord: boolean;
  first: boolean;
  last: boolean;
  collapsed: boolean;
  disabled?: boolean;
  actions: FieldRowActions;
}) {
  const { label, actions, disabled, collapsed } = props;
  const classes = useStyles();
  return (
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
      {props.isRecord && (
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
            title={collapsed ? 'Show nested fields' : 'Hide nested fields'}
          >
            <IconButton
              size="small"
              aria-label={`${
                collapsed ? 'Show' : 'Hide'
              } the fields of ${label}`}
              onClick={actions.toggle}
            >
              {collapsed ? (
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
  );
}
