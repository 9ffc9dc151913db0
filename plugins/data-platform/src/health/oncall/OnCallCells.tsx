import { Flex, Link, Text } from '@backstage/ui';
import {
  isProblemState,
  type OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineName } from '../../format/entityNames';
import {
  durationInWords,
  partitionLabel,
  stateDuration,
  timestampLabel,
} from '../../format/time';
import { useLineageViewLink, usePipelineHealthLink } from '../../routes';
import {
  AlertStateBadge,
  PipelineStateBadge,
  SeverityBadge,
} from '../shared/HealthBadge';
import { FailedChecks } from '../shared/FailedChecks';
import { RootCauseChain } from '../shared/RootCauseChain';

/** The cells of one row of the on-call list, each given the row. */
type RowProps = { row: OnCallRow };

function NoValue() {
  return (
    <Text variant="body-small" color="secondary">
      —
    </Text>
  );
}

/** The pipeline's title, linked to its Health tab; its name and lifecycle below. */
export function PipelineCellContent({ row }: RowProps) {
  const healthLink = usePipelineHealthLink();
  return (
    <Flex direction="column" gap="0">
      <Link
        href={healthLink(row.pipelineRef)}
        variant="body-small"
        weight="bold"
      >
        {row.title || pipelineName(row.pipelineRef)}
      </Link>
      <Text variant="body-x-small" color="secondary">
        {pipelineName(row.pipelineRef)} · {row.lifecycle}
      </Text>
    </Flex>
  );
}

/**
 * The pipeline's state, and since when when it is a problem; for bad data,
 * the critical checks that fail.
 */
export function StatusCellContent({ row }: RowProps) {
  const failedChecks = row.alert?.failedChecks ?? [];
  return (
    <Flex direction="column" gap="1" align="start">
      <PipelineStateBadge state={row.state} />
      {row.state === 'bad_data' && failedChecks.length > 0 && (
        <FailedChecks checks={failedChecks} max={3} />
      )}
      {row.since && isProblemState(row.state) && (
        <Text variant="body-x-small" color="secondary">
          {stateDuration(row.since)}, since {timestampLabel(row.since)}
        </Text>
      )}
    </Flex>
  );
}

export function PartitionCellContent({ row }: RowProps) {
  return row.partition ? (
    <Text variant="body-small" title={row.partition}>
      {partitionLabel(row.partition)}
      {row.lastPartition && ` to ${partitionLabel(row.lastPartition)}`}
    </Text>
  ) : (
    <NoValue />
  );
}

export function LateByCellContent({ row }: RowProps) {
  return row.lateByMs !== undefined && row.lateByMs > 0 ? (
    <Text variant="body-small" weight="bold">
      {durationInWords(row.lateByMs)}
    </Text>
  ) : (
    <NoValue />
  );
}

/**
 * The upstream pipeline a problem started at; a problem that started here
 * says so, with a link to what it holds up downstream.
 */
export function RootCauseCellContent({ row }: RowProps) {
  const lineageLink = useLineageViewLink();
  if (row.rootCause?.chain.length) {
    return (
      <RootCauseChain
        rootCause={row.rootCause}
        pipelineRef={row.pipelineRef}
        owner={row.rootCauseOwner}
      />
    );
  }
  if (!isProblemState(row.state)) return null;
  return (
    <Text variant="body-small" color="secondary">
      This pipeline
      {lineageLink && (
        <>
          {' · '}
          <Link
            href={lineageLink({
              node: row.pipelineRef,
              direction: 'downstream',
              depth: 3,
            })}
            variant="body-small"
          >
            Downstream impact
          </Link>
        </>
      )}
    </Text>
  );
}

/** The alert's state and severity, or that there is none. */
export function AlertCellContent({ row }: RowProps) {
  return row.alert ? (
    <Flex gap="1" align="center" style={{ flexWrap: 'wrap' }}>
      <AlertStateBadge alert={row.alert} />
      <SeverityBadge severity={row.alert.severity} />
    </Flex>
  ) : (
    <Text variant="body-small" color="secondary">
      No alert
    </Text>
  );
}
