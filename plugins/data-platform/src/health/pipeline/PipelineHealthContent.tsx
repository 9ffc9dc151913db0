import { useCallback, useMemo } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Grid, Text } from '@backstage/ui';
import {
  isProblemState,
  type PartitionStatus,
  type PipelineEntity,
  type PipelineHealth,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { slaDeadlineInWords } from '../../format/duration';
import {
  durationInWords,
  partitionLabel,
  relativeTime,
  timestampLabel,
} from '../../format/time';
import { AlertActionOutcomeBanner } from '../shared/AlertActions';
import { PipelineStateBadge } from '../shared/HealthBadge';
import { RootCauseChain } from '../shared/RootCauseChain';
import { useAlertAction } from '../shared/useAlertAction';
import { AlertTimeline } from './AlertTimeline';
import { BadDataNow } from './BadDataNow';
import { PartitionGrid } from './PartitionGrid';
import { gridGranularity, partitionSlots } from './partitionSlots';
import { RunHistory } from './RunHistory';
import { usePipelineHealth } from './usePipelineHealth';

/**
 * The partition that says most about the pipeline now: the oldest one still
 * late or failed (what its alert is about), else the newest evaluated one.
 */
function headlinePartition(
  health: PipelineHealth,
): PartitionStatus | undefined {
  const byOldest = [...health.partitions].sort(
    (a, b) => Date.parse(a.partition) - Date.parse(b.partition),
  );
  return (
    byOldest.find(p => isProblemState(p.state)) ??
    [...byOldest].reverse().find(p => p.state !== 'pending') ??
    byOldest[byOldest.length - 1]
  );
}

/** The newest partition that landed, for "last landed ... ago". */
function lastLanded(health: PipelineHealth): PartitionStatus | undefined {
  return health.partitions
    .filter(p => p.landedAt)
    .sort((a, b) => Date.parse(b.partition) - Date.parse(a.partition))[0];
}

function Headline(props: {
  pipelineRef: string;
  partition?: PartitionStatus;
  landed?: PartitionStatus;
  problems: number;
}) {
  const { partition, landed, problems } = props;
  if (!partition) {
    return (
      <Text variant="body-small" color="secondary">
        No partitions evaluated yet.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
        <PipelineStateBadge state={partition.state} />
        <Text variant="body-medium">
          Partition{' '}
          <strong>
            {partitionLabel(partition.partition, partition.periodEnd)}
          </strong>
          {partition.lateByMs ? (
            <>
              , late by <strong>{durationInWords(partition.lateByMs)}</strong>
            </>
          ) : null}
          {problems > 1
            ? ` (and ${problems - 1} more partitions late or failed since)`
            : ''}
        </Text>
      </Flex>
      {partition.failureReason && (
        <Text variant="body-small" color="danger">
          {partition.failureReason}
        </Text>
      )}
      <RootCauseChain
        rootCause={partition.rootCause}
        pipelineRef={props.pipelineRef}
      />
      {landed?.landedAt && landed !== partition && (
        <Text variant="body-small" color="secondary">
          Last landed: partition{' '}
          {partitionLabel(landed.partition, landed.periodEnd)},{' '}
          <span title={timestampLabel(landed.landedAt)}>
            {relativeTime(landed.landedAt)}
          </span>
          .
        </Text>
      )}
    </Flex>
  );
}

/** Props of {@link PipelineHealthContent}. */
export interface PipelineHealthContentProps {
  refreshIntervalMs?: number;
}

/**
 * The Health tab of a Pipeline: where it stands now, its partitions against
 * their deadlines, its runs with a duration chart, and its alerts with
 * their history and actions.
 */
export function PipelineHealthContent(props: PipelineHealthContentProps) {
  const { entity } = useEntity<PipelineEntity>();
  const pipelineRef = stringifyEntityRef(entity);
  const {
    value: health,
    loading,
    error,
    retry,
  } = usePipelineHealth(pipelineRef, props.refreshIntervalMs ?? 60_000);
  const actions = useAlertAction(useCallback(() => retry(), [retry]));
  const owner = entity.spec?.owner;
  const deadline = entity.spec?.sla?.deadline;

  const grid = useMemo(() => {
    if (!health) return undefined;
    const granularity = gridGranularity(
      entity.spec?.schedule?.type,
      health.partitions,
    );
    return granularity
      ? { granularity, slots: partitionSlots(health.partitions, granularity) }
      : undefined;
  }, [health, entity.spec?.schedule?.type]);

  if (!health) {
    if (loading) return <Progress />;
    if (error instanceof ResponseError && error.statusCode === 404) {
      return (
        <EntityInfoCard title="Health">
          <Text variant="body-medium">
            No health data for this pipeline yet. It appears once the scheduler
            reports runs (OpenLineage) and the health checks have evaluated its
            partitions against the schedule and SLA.
          </Text>
        </EntityInfoCard>
      );
    }
    return (
      <ResponseErrorPanel
        error={error ?? new Error('No answer')}
        title="Could not load pipeline health"
      />
    );
  }

  const problems = health.partitions.filter(p =>
    isProblemState(p.state),
  ).length;

  return (
    <Flex direction="column" gap="4">
      <AlertActionOutcomeBanner
        outcome={actions.outcome}
        onDismiss={actions.clearOutcome}
      />
      {error && (
        <Text variant="body-small" color="warning">
          Could not refresh ({error.message}); showing the last answer.
        </Text>
      )}
      <Grid.Root columns={{ initial: '1', lg: '12' }} gap="4">
        <Grid.Item colSpan={{ initial: '1', lg: '4' }}>
          <EntityInfoCard title="Now">
            <Flex direction="column" gap="3">
              <Headline
                pipelineRef={pipelineRef}
                partition={headlinePartition(health)}
                landed={lastLanded(health)}
                problems={problems}
              />
              <BadDataNow alerts={health.alerts} />
            </Flex>
          </EntityInfoCard>
        </Grid.Item>
        <Grid.Item colSpan={{ initial: '1', lg: '8' }}>
          <EntityInfoCard title="Partitions">
            {grid ? (
              <PartitionGrid
                slots={grid.slots}
                granularity={grid.granularity}
                deadlineInWords={
                  deadline ? slaDeadlineInWords(deadline) : undefined
                }
              />
            ) : (
              <Text variant="body-small" color="secondary">
                A streaming pipeline has no partitions: it is judged by the
                freshness of its outputs (see their Freshness cards).
              </Text>
            )}
          </EntityInfoCard>
        </Grid.Item>
      </Grid.Root>
      <EntityInfoCard title="Alerts">
        <AlertTimeline
          alerts={health.alerts}
          owner={owner}
          perform={actions.perform}
          pendingAlertId={actions.pendingAlertId}
        />
      </EntityInfoCard>
      <EntityInfoCard title="Runs">
        <RunHistory runs={health.runs} />
      </EntityInfoCard>
    </Flex>
  );
}
