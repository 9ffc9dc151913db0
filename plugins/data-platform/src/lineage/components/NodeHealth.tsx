import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import {
  isProblemState,
  isVisibleStep,
  type OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionLabel, stateDuration } from '../../format/time';
import { PipelineStateBadge } from '../../health/shared/HealthBadge';
import { RootCauseChain } from '../../health/shared/RootCauseChain';
import { usePipelineHealthLink } from '../../routes';

/**
 * A pipeline's status from pipeline health, in the lineage details: its
 * state, the partition and since when, the upstream root cause with a button
 * to show the path from it, and a link to its Health tab.
 */
export function NodeHealth(props: {
  status: OnCallRow;
  onPathFromRootCause(rootCauseRef: string): void;
}) {
  const { status } = props;
  const healthLink = usePipelineHealthLink();
  const rootCause = status.rootCause?.chain.at(-1);
  const problem = isProblemState(status.state);
  return (
    <Box
      component="section"
      aria-label="Pipeline health"
      display="flex"
      flexDirection="column"
      style={{ gap: 6 }}
    >
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <PipelineStateBadge state={status.state} />
        <Link to={healthLink(status.pipelineRef)}>Open health</Link>
      </Box>
      {problem && (status.partition || status.since) && (
        <Typography variant="caption" color="textSecondary">
          {status.partition && `Partition ${partitionLabel(status.partition)}`}
          {status.partition && status.since && ' · '}
          {status.since && stateDuration(status.since)}
        </Typography>
      )}
      {rootCause && <RootCauseChain rootCause={status.rootCause} />}
      {rootCause && isVisibleStep(rootCause) && (
        <Button
          size="small"
          variant="outlined"
          onClick={() => props.onPathFromRootCause(rootCause.pipelineRef)}
        >
          Show path from root cause
        </Button>
      )}
    </Box>
  );
}
