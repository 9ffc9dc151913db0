import { Flex, Text } from '@backstage/ui';
import {
  isProblemState,
  type PipelineCurrentState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  durationInWords,
  partitionLabel,
  stateDuration,
  timestampLabel,
} from '../../format/time';
import { FailureReason } from './FailureReason';
import { PipelineStateBadge } from './HealthBadge';
import { RootCauseChain } from './RootCauseChain';

/**
 * "Thu 4 Dec" or "Thu 4 Dec to Fri 5 Dec": the partitions a current problem
 * spans.
 */
export function problemPartitionsLabel(current: PipelineCurrentState): string {
  if (!current.partition) return '';
  const first = partitionLabel(current.partition);
  return current.lastPartition
    ? `Partitions ${first} to ${partitionLabel(current.lastPartition)}`
    : `Partition ${first}`;
}

/** "Failing for 2 d 3 h, since Thu 4 Dec 23:15 UTC". */
export function sinceLabel(current: PipelineCurrentState): string | undefined {
  if (!current.since || !isProblemState(current.state)) return undefined;
  const verb =
    { failed: 'Failing', late: 'Late', bad_data: 'Bad data' }[
      current.state as string
    ] ?? 'Problem';
  return `${verb} ${stateDuration(current.since)}, since ${timestampLabel(
    current.since,
  )}`;
}

/**
 * Where a pipeline stands now, as the backend's current state says (the
 * same words on the Health tab, the Overview and the on-call page): the
 * problem's partitions, since when, the failure, and the root cause with
 * its owner.
 */
export function CurrentStateSummary(props: {
  current: PipelineCurrentState;
  pipelineRef: string;
}) {
  const { current, pipelineRef } = props;
  const since = sinceLabel(current);
  return (
    <Flex direction="column" gap="2" data-testid="current-state">
      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
        <PipelineStateBadge state={current.state} />
        {isProblemState(current.state) && current.partition && (
          <Text variant="body-medium">
            <strong>{problemPartitionsLabel(current)}</strong>
            {current.lateByMs ? (
              <>
                , late by <strong>{durationInWords(current.lateByMs)}</strong>
              </>
            ) : null}
          </Text>
        )}
      </Flex>
      {since && (
        <Text variant="body-small" data-testid="current-since">
          {since}
        </Text>
      )}
      <FailureReason reason={current.failureReason} />
      <RootCauseChain
        rootCause={current.rootCause}
        pipelineRef={pipelineRef}
        owner={current.rootCauseOwner}
      />
    </Flex>
  );
}
