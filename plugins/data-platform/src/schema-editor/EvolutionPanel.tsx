import { useMemo } from 'react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import {
  checkSchemaEvolution,
  compatibilityDirections,
  compatibilityModeDescription,
  EventTypeEntity,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { SchemaChangesTable } from '../schema-history/SchemaChangesTable';
import { useConsumerImpact } from './useConsumerImpact';

const useStyles = makeStyles(theme => ({
  verdict: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
  },
  ok: { color: theme.palette.success.main },
  refused: { color: theme.palette.error.main },
}));

/**
 * What the edit does to an existing event type: the changes against its
 * current revision, the verdict under its compatibility mode (against every
 * revision the mode asks for), and the consumers of each changed field.
 */
export function EvolutionPanel(props: {
  entity: EventTypeEntity;
  entityRef: string;
  fields: SchemaField[];
}) {
  const { entity, entityRef, fields } = props;
  const classes = useStyles();
  const schema = entity.spec.schema;
  const report = useMemo(
    () => checkSchemaEvolution(schema, fields),
    [schema, fields],
  );
  const { impacts, status } = useConsumerImpact({
    entityRef,
    currentFields: schema.fields,
    changes: report.changes,
  });
  const revisions = report.checkedAgainst.join(', ');
  return (
    <Box
      mt={2}
      component="section"
      aria-label="Changes against the current revision"
    >
      <Typography variant="h6">
        Changes against revision {schema.revision}
      </Typography>
      <div className={classes.verdict} role="status">
        {report.compatible ? (
          <CheckCircleIcon className={classes.ok} />
        ) : (
          <ErrorIcon className={classes.refused} />
        )}
        <Typography variant="body1">
          {report.compatible
            ? `Compatible under ${report.mode}`
            : `Not ${report.mode} compatible`}
          {revisions && ` (checked against revision ${revisions})`}
        </Typography>
      </div>
      <Typography variant="body2" color="textSecondary" paragraph>
        {compatibilityModeDescription(report.mode)}
      </Typography>
      {report.issues.map(issue => (
        <Typography
          key={issue.message}
          variant="body2"
          className={classes.refused}
        >
          {issue.message}
        </Typography>
      ))}
      <SchemaChangesTable
        changes={report.changes}
        checked={compatibilityDirections(report.mode)}
        impacts={impacts}
        impactStatus={status}
      />
    </Box>
  );
}
