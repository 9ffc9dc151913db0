import {
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  AffectedConsumer,
  CompatibilityDirection,
  SchemaChange,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { getLuminance } from '@material-ui/core/styles';
import { readableOn } from '../theme/textContrast';

const useStyles = makeStyles(
  theme => {
    const { contrastText, main, dark } = theme.palette.error;
    return {
      // A red dark enough for its white text (MUI's default error red is
      // 3.7:1 against white).
      refused: {
        backgroundColor: readableOn(
          [main, dark],
          [contrastText],
          getLuminance(contrastText) > 0.5 ? 'light' : 'dark',
        ),
        color: contrastText,
      },
      // On a phone the table scrolls sideways rather than squeezing the
      // change to a letter per line.
      scroll: { overflowX: 'auto' },
      path: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
      change: { minWidth: 140 },
      consumers: {
        margin: 0,
        paddingLeft: theme.spacing(2),
        // Links beside text: told apart by more than their colour.
        '& a': { textDecoration: 'underline' },
      },
    };
  },
  { name: 'DataPlatformSchemaChangesTable' },
);

function Verdict(props: { ok: boolean; checked: boolean; label: string }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.ok ? 'yes' : 'no'}
      aria-label={`${props.label}: ${props.ok ? 'yes' : 'no'}`}
      className={!props.ok && props.checked ? classes.refused : undefined}
      variant={props.ok ? 'outlined' : 'default'}
    />
  );
}

const isEntityRef = (id: string) =>
  /^(pipeline|dataendpoint|eventtype|component):/.test(id);

function Consumer(props: { consumer: AffectedConsumer }) {
  const { consumer } = props;
  const name = isEntityRef(consumer.id) ? (
    <EntityRefLink entityRef={consumer.id} title={consumer.title} />
  ) : (
    <span>{consumer.title}</span>
  );
  const evidence =
    consumer.evidence === 'column'
      ? `reads it (column lineage: ${consumer.columns?.join(', ')})`
      : 'reads a landing endpoint; which fields is unknown';
  return (
    <li>
      <Tooltip title={evidence}>
        <span>
          {name}{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            {consumer.evidence === 'column'
              ? 'uses this field'
              : 'reads the endpoint'}
          </Typography>
        </span>
      </Tooltip>
    </li>
  );
}

/**
 * Changes between two revisions of a schema, each with whether new readers
 * can read old events (backward) and old readers new events (forward); the
 * halves the compatibility mode checks are marked when they fail. With
 * `impacts`, the downstream consumers each change may break.
 */
export function SchemaChangesTable(props: {
  changes: SchemaChange[];
  checked: CompatibilityDirection[];
  impacts?: Map<SchemaChange, AffectedConsumer[]>;
  impactStatus?: string;
}) {
  const { changes, checked, impacts } = props;
  const classes = useStyles();
  if (changes.length === 0) {
    return <Typography variant="body2">No changes.</Typography>;
  }
  const showImpact = impacts !== undefined || props.impactStatus !== undefined;
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label="Schema changes">
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>Change</TableCell>
            <TableCell>Backward</TableCell>
            <TableCell>Forward</TableCell>
            {showImpact && <TableCell>Consumers affected</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map(change => {
            const consumers = impacts?.get(change);
            return (
              <TableRow key={`${change.kind} ${change.path}`}>
                <TableCell className={classes.path}>{change.path}</TableCell>
                <TableCell className={classes.change}>
                  {change.description}
                </TableCell>
                <TableCell>
                  <Verdict
                    ok={change.backward}
                    checked={checked.includes('BACKWARD')}
                    label={`${change.path} backward compatible`}
                  />
                </TableCell>
                <TableCell>
                  <Verdict
                    ok={change.forward}
                    checked={checked.includes('FORWARD')}
                    label={`${change.path} forward compatible`}
                  />
                </TableCell>
                {showImpact && (
                  <TableCell>
                    {consumers && consumers.length > 0 && (
                      <ul className={classes.consumers}>
                        {consumers.map(c => (
                          <Consumer key={c.id} consumer={c} />
                        ))}
                      </ul>
                    )}
                    {consumers && consumers.length === 0 && (
                      <Typography variant="caption" color="textSecondary">
                        none known
                      </Typography>
                    )}
                    {!consumers && (
                      <Typography variant="caption" color="textSecondary">
                        {props.impactStatus ?? '—'}
                      </Typography>
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
