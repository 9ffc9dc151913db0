import { useMemo, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Grid, Text } from '@backstage/ui';
import type {
  DataEndpointEntity,
  QualityResultView,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { useBuiTextStyles } from '../theme/useBuiTextStyles';
import { ActionOutcome } from './actions/ActionOutcome';
import { RunChecksControl } from './actions/RunChecksControl';
import { useQualityActions } from './actions/useQualityActions';
import { CheckGrid } from './checks/CheckGrid';
import { checkGrid, failingNow } from './checks/checkGrid';
import { FailingChecks } from './checks/FailingChecks';
import { NoChecksDeclared, NoRunnerNotice } from './QualityEmptyStates';
import { ScoreCard } from './score/ScoreCard';
import { ScoreComponents } from './score/ScoreComponents';
import { useEndpointQuality } from './useEndpointQuality';
import { VolumeSection } from './volume/VolumeSection';

/** Props of {@link QualityContent}. */
export interface QualityContentProps {
  /** How often the tab refreshes; default a minute. */
  refreshIntervalMs?: number;
}

/**
 * The Quality tab of a DataEndpoint: the score with its components and
 * every deduction, its 30-day trend, checks by partition, the failing
 * checks with the queries that ran, the volume band, and "Run checks now"
 * and "Mark as normal" for those who may.
 */
export function QualityContent(props: QualityContentProps) {
  const { entity } = useEntity<DataEndpointEntity>();
  const endpointRef = stringifyEntityRef(entity);
  const granularity = entity.spec?.partitioning?.granularity;
  const partitioned = !!granularity && granularity !== 'NONE';
  const {
    value: quality,
    loading,
    error,
    retry,
  } = useEndpointQuality(endpointRef, props.refreshIntervalMs ?? 60_000);
  const actions = useQualityActions({
    endpointRef,
    owner: entity.spec?.owner,
    granularity,
    onDone: retry,
  });
  const [selected, setSelected] = useState<QualityResultView>();
  const grid = useMemo(() => quality && checkGrid(quality), [quality]);
  const { readableSecondary } = useBuiTextStyles();

  if (!quality || !grid) {
    if (loading) return <Progress />;
    return (
      <ResponseErrorPanel
        error={error ?? new Error('No answer')}
        title="Could not load the endpoint's quality"
      />
    );
  }
  const failing = failingNow(grid);
  const noChecks = quality.checks.length === 0 && quality.results.length === 0;

  return (
    <Flex direction="column" gap="4" className={readableSecondary}>
      <ActionOutcome
        outcome={actions.outcome}
        onDismiss={actions.clearOutcome}
      />
      {error && (
        <Text variant="body-small" color="warning">
          Could not refresh ({error.message}); showing the last answer.
        </Text>
      )}
      {!quality.runner && <NoRunnerNotice entity={entity} />}
      <Grid.Root columns={{ initial: '1', lg: '12' }} gap="4">
        <Grid.Item colSpan={{ initial: '1', lg: '4' }}>
          <ScoreCard quality={quality}>
            <RunChecksControl
              quality={quality}
              partitioned={partitioned}
              granularity={granularity}
              pending={actions.pending?.kind === 'run'}
              onRun={actions.runChecks}
            />
          </ScoreCard>
        </Grid.Item>
        <Grid.Item colSpan={{ initial: '1', lg: '8' }}>
          <EntityInfoCard title="How the score is made">
            {quality.score ? (
              <ScoreComponents
                score={quality.score}
                results={quality.results}
              />
            ) : (
              <Text variant="body-small" color="secondary">
                No score yet. The backend scores every endpoint hourly, and
                again right after its checks run.
              </Text>
            )}
          </EntityInfoCard>
        </Grid.Item>
      </Grid.Root>
      <EntityInfoCard title="Checks by partition">
        {noChecks ? (
          <NoChecksDeclared />
        ) : (
          <CheckGrid
            model={grid}
            granularity={granularity}
            selected={selected}
            onSelect={setSelected}
          />
        )}
      </EntityInfoCard>
      {(selected || failing.length > 0) && (
        <FailingChecks
          failing={failing}
          selected={selected}
          granularity={granularity}
          onClose={() => setSelected(undefined)}
        />
      )}
      {quality.volume && (
        <EntityInfoCard title="Volume">
          <VolumeSection
            quality={quality}
            granularity={granularity}
            pendingPartition={
              actions.pending?.kind === 'mark'
                ? actions.pending.partition
                : undefined
            }
            onMarkNormal={point => actions.markNormal(point.partition)}
          />
        </EntityInfoCard>
      )}
    </Flex>
  );
}
