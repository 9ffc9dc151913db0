import { Fragment } from 'react';
import { Flex, Link, Text } from '@backstage/ui';
import type { RootCause } from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineStatePresentation } from '../format/states';
import { partitionLabel } from '../../format/time';
import { pipelineName } from '../../format/entityNames';
import { useLineageViewLink, usePipelineHealthLink } from '../../routes';

function stepTitle(step: RootCause['chain'][number]): string {
  return `${
    pipelineStatePresentation(step.state).label
  }: partition ${partitionLabel(step.partition)}`;
}

/**
 * Why a pipeline is late or failed when the problem started upstream:
 * "caused by X upstream", and the path to it when X is not a direct input.
 * Each step links to that pipeline's Health tab. Given the pipeline it
 * explains, "Show in lineage" opens the lineage explorer (when the app has
 * it) with the path from the root cause to that pipeline highlighted.
 */
export function RootCauseChain(props: {
  rootCause?: RootCause;
  pipelineRef?: string;
}) {
  const healthLink = usePipelineHealthLink();
  const lineageLink = useLineageViewLink();
  const chain = props.rootCause?.chain ?? [];
  if (chain.length === 0) {
    return null;
  }
  const root = chain[chain.length - 1];
  const { label } = pipelineStatePresentation(root.state);
  return (
    <Flex direction="column" gap="0" data-testid="root-cause">
      <Text variant="body-small">
        Caused by{' '}
        <Link
          href={healthLink(root.pipelineRef)}
          title={stepTitle(root)}
          variant="body-small"
          weight="bold"
        >
          {pipelineName(root.pipelineRef)}
        </Link>{' '}
        upstream ({label.toLowerCase()}, {partitionLabel(root.partition)})
        {props.pipelineRef && lineageLink && (
          <>
            {' · '}
            <Link
              href={lineageLink({
                node: props.pipelineRef,
                pathFrom: root.pipelineRef,
              })}
              variant="body-small"
            >
              Show in lineage
            </Link>
          </>
        )}
      </Text>
      {chain.length > 1 && (
        <Text variant="body-x-small" color="secondary">
          via{' '}
          {chain.slice(0, -1).map((step, i) => (
            <Fragment key={`${step.pipelineRef}-${step.partition}`}>
              {i > 0 && ' → '}
              <Link
                href={healthLink(step.pipelineRef)}
                title={stepTitle(step)}
                variant="body-x-small"
              >
                {pipelineName(step.pipelineRef)}
              </Link>
            </Fragment>
          ))}
          {' → '}
          {pipelineName(root.pipelineRef)}
        </Text>
      )}
    </Flex>
  );
}
