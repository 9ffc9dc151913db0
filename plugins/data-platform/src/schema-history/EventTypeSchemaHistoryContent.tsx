import { useMemo, useState } from 'react';
import {
  Box,
  Chip,
  Grid,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  compatibilityDirections,
  compatibilityModeDescription,
  DEFAULT_COMPATIBILITY_MODE,
  diffSchemas,
  EventTypeEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { ConsumerDecisionsCard } from './ConsumerDecisionsCard';
import { SchemaChangesTable } from './SchemaChangesTable';
import { SchemaDiffView } from './SchemaDiffView';
import {
  changesInWords,
  revisionSummaries,
  RevisionSummary,
} from './revisions';
import { statusTextOn } from '../theme/textContrast';

const useStyles = makeStyles(
  theme => ({
    mode: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(1),
    },
    refused: {
      color: statusTextOn(theme, 'error', theme.palette.background.paper),
    },
    head: { whiteSpace: 'nowrap' },
    // On a phone the table scrolls sideways instead of squeezing comments.
    scroll: { overflowX: 'auto' },
    comment: { minWidth: 200 },
    selects: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(2),
    },
  }),
  { name: 'DataPlatformSchemaHistory' },
);

/** `2024-08-19T13:40:00Z` as `2024-08-19 13:40 UTC`; other strings as they are. */
function written(createdAt?: string) {
  if (!createdAt) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:[\d.]+)?Z$/.exec(
    createdAt,
  );
  return match ? `${match[1]} ${match[2]} UTC` : createdAt;
}

function RevisionSelect(props: {
  label: string;
  value: number;
  revisions: RevisionSummary[];
  onChange(revision: number): void;
}) {
  return (
    <TextField
      select
      id={`schema-revision-${props.label.toLowerCase()}`}
      label={props.label}
      variant="outlined"
      size="small"
      SelectProps={{ native: true }}
      value={props.value}
      onChange={e => props.onChange(Number(e.target.value))}
    >
      {props.revisions.map(r => (
        <option key={r.revision} value={r.revision}>
          Revision {r.revision}
          {r.current ? ' (current)' : ''}
        </option>
      ))}
    </TextField>
  );
}

/**
 * The Schema history tab of an EventType: every revision with when and why
 * it was written and its verdict against the earlier ones under the event
 * type's compatibility mode, and a diff between any two revisions.
 */
export function EventTypeSchemaHistoryContent() {
  const { entity } = useEntity<EventTypeEntity>();
  const classes = useStyles();
  const schema = entity.spec?.schema;
  const revisions = useMemo(
    () =>
      schema?.fields
        ? revisionSummaries(schema, entity.metadata.annotations)
        : [],
    [schema, entity.metadata.annotations],
  );
  const latest = revisions[revisions.length - 1]?.revision ?? 1;
  const [from, setFrom] = useState(
    revisions[revisions.length - 2]?.revision ?? latest,
  );
  const [to, setTo] = useState(latest);

  if (!schema?.fields) {
    return (
      <InfoCard title="Schema history">
        <Typography>
          This event type declares no schema (spec.schema).
        </Typography>
      </InfoCard>
    );
  }
  const mode = schema.compatibility ?? DEFAULT_COMPATIBILITY_MODE;
  const fieldsOf = (revision: number) =>
    revisions.find(r => r.revision === revision)?.fields ?? [];
  const changes = diffSchemas(fieldsOf(from), fieldsOf(to));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Schema revisions">
          <div className={classes.mode}>
            <Typography variant="body1">Compatibility mode</Typography>
            <Chip label={mode} color="primary" size="small" />
            <Typography variant="body2" color="textSecondary">
              {compatibilityModeDescription(mode)}
              {!schema.compatibility && ' (the default; the YAML names none)'}
            </Typography>
          </div>
          <div className={classes.scroll}>
            <Table size="small" aria-label="Schema revisions">
              <TableHead className={classes.head}>
                <TableRow>
                  <TableCell>Revision</TableCell>
                  <TableCell>Written</TableCell>
                  <TableCell>Comment</TableCell>
                  <TableCell>Top-level fields</TableCell>
                  <TableCell>Changes</TableCell>
                  <TableCell>Verdict under {mode}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {[...revisions].reverse().map((r, i, newestFirst) => {
                  const previous = newestFirst[i + 1];
                  return (
                    <TableRow key={r.revision}>
                      <TableCell>
                        {r.revision}
                        {r.current && ' (current)'}
                      </TableCell>
                      <TableCell>{written(r.createdAt)}</TableCell>
                      <TableCell className={classes.comment}>
                        {r.comment ?? ''}
                      </TableCell>
                      <TableCell>{r.fields.length}</TableCell>
                      <TableCell>
                        {previous
                          ? changesInWords(
                              diffSchemas(previous.fields, r.fields),
                            )
                          : 'first revision'}
                      </TableCell>
                      <TableCell>
                        {r.report?.compatible === false ? (
                          <span
                            className={classes.refused}
                            title={r.report.issues
                              .map(x => x.message)
                              .join('\n')}
                          >
                            not compatible ({r.report.issues.length} issue
                            {r.report.issues.length === 1 ? '' : 's'})
                          </span>
                        ) : (
                          r.report && 'compatible'
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Compare revisions">
          <div className={classes.selects}>
            <RevisionSelect
              label="From"
              value={from}
              revisions={revisions}
              onChange={setFrom}
            />
            <RevisionSelect
              label="To"
              value={to}
              revisions={revisions}
              onChange={setTo}
            />
          </div>
          <Typography variant="subtitle2" gutterBottom>
            Revision {from} → revision {to}: {changesInWords(changes)}
          </Typography>
          <SchemaChangesTable
            changes={changes}
            checked={compatibilityDirections(mode)}
          />
          <Box mt={2}>
            <SchemaDiffView before={fieldsOf(from)} after={fieldsOf(to)} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ConsumerDecisionsCard entityRef={stringifyEntityRef(entity)} />
      </Grid>
    </Grid>
  );
}
