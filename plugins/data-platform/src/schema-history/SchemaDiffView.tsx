import { makeStyles, Theme, Typography } from '@material-ui/core';
import {
  fieldMode,
  fieldPii,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { over, secondaryTextOn } from '../theme/textContrast';
import { diffRows } from './revisions';

const TINTS = {
  added: 'rgba(46, 160, 67, 0.15)',
  removed: 'rgba(248, 81, 73, 0.15)',
  changed: 'rgba(210, 153, 34, 0.18)',
};

/** A tinted row, its secondary text in a shade readable on that tint. */
const tinted = (tint: string, theme: Theme) => {
  const background = over(tint, theme.palette.background.paper);
  return {
    backgroundColor: background,
    '& $secondary': { color: secondaryTextOn(theme, background) },
  };
};

const useStyles = makeStyles(
  theme => ({
    list: {
      listStyle: 'none',
      padding: 0,
      margin: 0,
      fontFamily: 'monospace',
    },
    row: { padding: theme.spacing(0.25, 1), borderRadius: 4 },
    secondary: {},
    added: tinted(TINTS.added, theme),
    removed: {
      ...tinted(TINTS.removed, theme),
      textDecoration: 'line-through',
    },
    changed: tinted(TINTS.changed, theme),
    unchanged: {},
    marker: { display: 'inline-block', width: '1.5em', fontWeight: 'bold' },
    notes: {
      fontFamily: theme.typography.fontFamily,
      marginLeft: theme.spacing(1),
    },
  }),
  { name: 'DataPlatformSchemaDiff' },
);

const MARKERS = { added: '+', removed: '−', changed: '~', unchanged: ' ' };

/** The fields of two revisions as one tree: added, removed and changed fields marked. */
export function SchemaDiffView(props: {
  before: SchemaField[];
  after: SchemaField[];
}) {
  const classes = useStyles();
  const rows = diffRows(props.before, props.after);
  return (
    <ul className={classes.list} aria-label="Field diff">
      {rows.map(row => (
        <li
          key={`${row.status} ${row.path}`}
          className={`${classes.row} ${classes[row.status]}`}
          style={{ paddingLeft: row.depth * 16 }}
          aria-label={`${row.status} ${row.path}`}
        >
          <span className={classes.marker}>{MARKERS[row.status]}</span>
          {row.field.name}{' '}
          <Typography
            component="span"
            variant="body2"
            color="textSecondary"
            className={classes.secondary}
          >
            {fieldMode(row.field)} {row.field.type}
            {fieldPii(row.field) !== 'none' && ` · PII ${fieldPii(row.field)}`}
          </Typography>
          {row.status !== 'unchanged' &&
            row.status !== 'removed' &&
            row.notes.length > 0 && (
              <Typography
                component="span"
                variant="caption"
                className={classes.notes}
              >
                {row.notes.join(', ')}
              </Typography>
            )}
        </li>
      ))}
    </ul>
  );
}
