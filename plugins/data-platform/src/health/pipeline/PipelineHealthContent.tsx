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
  partitionLabel,
  relativeTime,
  timestampLabel,
} from '../../format/time';
import { AlertActionOutcomeBanner } from '../shared/AlertActions';
import { CurrentStateSummary } from '../shared/CurrentStateSummary';
import { useAlertAction } from '../shared/useAlertAction';
import { AlertTimeline } from './AlertTimeline';
import { BadDataNow } from './BadDataNow';
import { PartitionGrid } from './PartitionGrid';
import { gridGranularity, partitionSlots } from './partitionSlots';
import { RunHistory } from './RunHistory';
import { usePipelineHealth } from './usePipelineHealth';

/** The newest partition that landed, for "last landed ... ago". */
function lastLanded(health: PipelineHealth): PartitionStatus | undefined {
  return health.partitions
    .filter(p => p.landedAt)
    .sort((a, b) => Date.parse(b.partition) - Date.parse(a.partition))[0];
}

/** Late or failed partitions before the current problem: earlier ones. */
function olderProblems(health: PipelineHealth): PartitionStatus[] {
  const first = health.current.partition;
  if (!first) return [];
  return health.partitions
    .filter(
      p =>
        isProblemState(p.state) && Date.parse(p.partition) < Date.parse(first),
    )
    .sort((a, b) => Date.parse(a.partition) - Date.parse(b.partition));
}

/**
 * The Now card: the pipeline's current state (the same one the on-call page
 * and the Overview show), the last landing, and earlier partitions still
 * late or failed.
 */
function Headline(props: { pipelineRef: string; health: PipelineHealth }) {
  const { health } = props;
  const landed = lastLanded(health);
  const older = olderProblems(health);
  if (health.partitions.length === 0 && health.current.state === 'healthy') {
    return (
      <Text variant="body-small" color="secondary">
        No partitions evaluated yet.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <CurrentStateSummary
        current={health.current}
        pipelineRef={props.pipelineRef}
      />
      {landed?.landedAt && (
        <Text variant="body-small" color="secondary">
          Last landed: partition{' '}
          {partitionLabel(landed.partition, landed.periodEnd)},{' '}
          <span title={timestampLabel(landed.landedAt)}>
            {relativeTime(landed.landedAt)}
          </span>
          .
        </Text>
      )}
      {older.length > 0 && (
        <Text variant="body-small" color="secondary">
          Earlier: {older.length} older partition
          {older.length > 1 ? 's' : ''} still late or failed (oldest{' '}
          {partitionLabel(older[0].partition, older[0].periodEnd)}).
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
              <Headline pipelineRef={pipelineRef} health={health} />
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
          current={
            health.current.alert &&
            (health.current.state === 'late' ||
              health.current.state === 'failed')
              ? {
                  alertId: health.current.alert.id,
                  state: health.current.state,
                }
              : undefined
          }
        />
      </EntityInfoCard>
      <EntityInfoCard title="Runs">
        <RunHistory runs={health.runs} />
      </EntityInfoCard>
    </Flex>
  );
}
