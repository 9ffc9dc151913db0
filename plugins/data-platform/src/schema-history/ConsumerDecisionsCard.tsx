import useAsync from 'react-use/esm/useAsync';
import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { SchemaChangeDecision } from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../api';

const useStyles = makeStyles(
  theme => ({
    consumers: { margin: 0, paddingLeft: theme.spacing(2) },
    through: { overflowWrap: 'anywhere' },
  }),
  { name: 'DataPlatformConsumerDecisionsCard' },
);

const when = (iso: string) => iso.replace(/^(.{10})T(.{5}).*$/, '$1 $2 UTC');

function DecisionRow(props: { decision: SchemaChangeDecision }) {
  const { decision } = props;
  const classes = useStyles();
  return (
    <TableRow>
      <TableCell>{decision.revision}</TableCell>
      <TableCell>
        <EntityRefLink entityRef={decision.decidedBy} />
        <br />
        {when(decision.decidedAt)}
      </TableCell>
      <TableCell>{decision.reason}</TableCell>
      <TableCell>
        <ul className={classes.consumers}>
          {decision.consumers.map(c => (
            <li key={c.id}>
              {c.title}
              {c.owner
                ? ` (${c.owner.replace(/^group:(default\/)?/, '')})`
                : ''}{' '}
              reads {c.paths.join(', ')}:{' '}
              <span className={classes.through}>{c.through}</span>
            </li>
          ))}
        </ul>
      </TableCell>
      <TableCell>
        {decision.notified.length > 0
          ? decision.notified
              .map(o => o.replace(/^group:(default\/)?/, ''))
              .join(', ')
          : 'no owner in the catalog'}
      </TableCell>
    </TableRow>
  );
}

/**
 * The recorded decisions to ship schema changes of an event type that broke
 * consumers: who decided, when, why, which consumers, who was told.
 */
export function ConsumerDecisionsCard(props: { entityRef: string }) {
  const api = useApiHolder().get(dataPlatformApiRef);
  const decisions = useAsync(
    async () => api?.getSchemaChangeDecisions(props.entityRef),
    [api, props.entityRef],
  );
  if (!api) return null;
  const items = decisions.value?.items ?? [];
  return (
    <InfoCard title="Decisions to break consumers">
      {decisions.loading && <Typography>Loading the decisions…</Typography>}
      {decisions.error && (
        <Typography>
          The decisions could not be read: {decisions.error.message}
        </Typography>
      )}
      {decisions.value && items.length === 0 && (
        <Typography>
          No schema change of this event type was shipped knowing it breaks a
          consumer.
        </Typography>
      )}
      {items.length > 0 && (
        <Table size="small" aria-label="Decisions to break consumers">
          <TableHead>
            <TableRow>
              <TableCell>Revision</TableCell>
              <TableCell>Decided by</TableCell>
              <TableCell>Why</TableCell>
              <TableCell>Consumers it breaks</TableCell>
              <TableCell>Notified</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(d => (
              <DecisionRow key={d.id} decision={d} />
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
