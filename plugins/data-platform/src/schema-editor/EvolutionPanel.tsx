import { useMemo } from 'react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import {
  checkSchemaEvolution,
  compatibilityDirections,
  compatibilityModeDescription,
  EventTypeEntity,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { SchemaChangesTable } from '../schema-history/SchemaChangesTable';
import { useStatusTextStyles } from '../theme/useStatusTextStyles';
import { breakageSentence, ConsumerBreakage } from './ConsumerBreakage';
import { ConsumerImpactState, useConsumerImpact } from './useConsumerImpact';

const useStyles = makeStyles(
  theme => ({
    verdict: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      margin: theme.spacing(1, 0),
    },
  }),
  { name: 'DataPlatformEvolutionPanel' },
);

/** The verdict on consumers, under the compatibility verdict. */
function ConsumerVerdict(props: { impact: ConsumerImpactState }) {
  const { breaking, policy } = props.impact;
  const classes = useStyles();
  const tone = useStatusTextStyles();
  if (breaking.length === 0) return null;
  const refused = policy === 'refuse';
  return (
    <>
      <div className={classes.verdict}>
        {refused ? (
          <ErrorIcon className={tone.error} />
        ) : (
          <WarningIcon className={tone.warning} />
        )}
        <Typography variant="body1">
          {breakageSentence(breaking)}
          {refused
            ? ': this portal refuses such changes.'
            : ': submitting needs the owner’s decision (next step), and their owners are notified.'}
        </Typography>
      </div>
      <ConsumerBreakage breaking={breaking} />
    </>
  );
}

/**
 * What the edit does to an existing event type: the changes against its
 * current revision, the verdict under its compatibility mode (against every
 * revision the mode asks for), the consumers each changed field breaks, and
 * the consumers of each changed field.
 */
export function EvolutionPanel(props: {
  entity: EventTypeEntity;
  entityRef: string;
  fields: SchemaField[];
}) {
  const { entity, entityRef, fields } = props;
  const classes = useStyles();
  const tone = useStatusTextStyles();
  const schema = entity.spec.schema;
  const report = useMemo(
    () => checkSchemaEvolution(schema, fields),
    [schema, fields],
  );
  const impact = useConsumerImpact({
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
          <CheckCircleIcon className={tone.success} />
        ) : (
          <ErrorIcon className={tone.error} />
        )}
        <Typography variant="body1">
          {report.compatible
            ? `Compatible under ${report.mode}`
            : `Not ${report.mode} compatible`}
          {revisions && ` (checked against revision ${revisions})`}
          {report.compatible &&
            impact.breaking.length > 0 &&
            ' for readers of old data, not for the consumers below'}
        </Typography>
      </div>
      <Typography variant="body2" color="textSecondary" paragraph>
        {compatibilityModeDescription(report.mode)}
      </Typography>
      {report.issues.map(issue => (
        <Typography key={issue.message} variant="body2" className={tone.error}>
          {issue.message}
        </Typography>
      ))}
      <ConsumerVerdict impact={impact} />
      <SchemaChangesTable
        changes={report.changes}
        checked={compatibilityDirections(report.mode)}
        impacts={impact.impacts}
        impactStatus={impact.status}
      />
    </Box>
  );
}
