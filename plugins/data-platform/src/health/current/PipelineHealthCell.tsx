import { Flex, Link, Text } from '@backstage/ui';
import { isProblemState } from '@dataplatform/backstage-plugin-data-platform-common';
import { stateDuration } from '../../format/time';
import { usePipelineHealthLink } from '../../routes';
import { PipelineStateBadge } from '../shared/HealthBadge';
import { usePipelineState } from './usePipelineState';

/** One catalog row's health: its state, linked to its Health tab. */
export function PipelineHealthCell(props: { pipelineRef: string }) {
  const { pipelineRef } = props;
  const healthLink = usePipelineHealthLink();
  const { value, loading, error } = usePipelineState(pipelineRef);
  if (loading) {
    return (
      <Text variant="body-small" color="secondary" aria-busy>
        …
      </Text>
    );
  }
  if (error || !value) {
    return (
      <Text
        variant="body-small"
        color="secondary"
        title={error ? error.message : 'No health data yet'}
      >
        {error ? 'Unavailable' : '–'}
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="0" align="start">
      <Link
        href={healthLink(pipelineRef)}
        aria-label={`Health of ${pipelineRef}`}
      >
        <PipelineStateBadge state={value.state} />
      </Link>
      {value.since && isProblemState(value.state) && (
        <Text variant="body-x-small" color="secondary">
          {stateDuration(value.since)}
        </Text>
      )}
    </Flex>
  );
}
