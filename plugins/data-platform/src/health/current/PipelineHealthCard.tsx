import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import { usePipelineHealthLink } from '../../routes';
import { CurrentStateSummary } from '../shared/CurrentStateSummary';
import { usePipelineState } from './usePipelineState';

/**
 * The Overview's health card of a Pipeline: where it stands now, in the
 * words of its Health tab and the on-call page (the backend's one current
 * state), with a link to the Health tab.
 */
export function PipelineHealthCard() {
  const { entity } = useEntity();
  const pipelineRef = stringifyEntityRef(entity);
  const healthLink = usePipelineHealthLink();
  const { value, loading, error } = usePipelineState(pipelineRef);
  return (
    <EntityInfoCard title="Health">
      <Flex direction="column" gap="2">
        {loading && (
          <Text variant="body-small" color="secondary" aria-busy>
            Loading health…
          </Text>
        )}
        {error && (
          <Text variant="body-small" color="warning">
            Could not load health: {error.message}
          </Text>
        )}
        {!loading && !error && !value && (
          <Text variant="body-small" color="secondary">
            No health data yet: it appears once runs are reported and the health
            checks have judged its partitions.
          </Text>
        )}
        {value && (
          <CurrentStateSummary current={value} pipelineRef={pipelineRef} />
        )}
        <Link href={healthLink(pipelineRef)} variant="body-small">
          Partitions, runs and alerts on the Health tab
        </Link>
      </Flex>
    </EntityInfoCard>
  );
}
