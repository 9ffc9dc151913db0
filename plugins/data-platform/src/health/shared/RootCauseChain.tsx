import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Fragment } from 'react';
import { Flex, Link, Text } from '@backstage/ui';
import {
  isVisibleStep,
  type RootCause,
  type RootCauseStep,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineStatePresentation } from '../format/states';
import { partitionLabel } from '../../format/time';
import { useLineageViewLink, usePipelineHealthLink } from '../../routes';
import { stepName } from './LeftOutNote';

function stepTitle(step: RootCauseStep): string {
  return `${
    pipelineStatePresentation(step.state).label
  }: partition ${partitionLabel(step.partition)}`;
}

/** A step's pipeline, linked to its Health tab when the viewer may read it. */
function StepLink(props: {
  step: RootCauseStep;
  variant: 'body-small' | 'body-x-small';
  weight?: 'bold';
}) {
  const healthLink = usePipelineHealthLink();
  const { step } = props;
  if (!isVisibleStep(step)) {
    return <span title={stepTitle(step)}>{stepName(step)}</span>;
  }
  return (
    <Link
      href={healthLink(step.pipelineRef)}
      title={stepTitle(step)}
      variant={props.variant}
      weight={props.weight}
    >
      {stepName(step)}
    </Link>
  );
}

/**
 * Why a pipeline is late or failed when the problem started upstream:
 * "caused by X upstream", and the path to it when X is not a direct input.
 * Each step links to that pipeline's Health tab; a pipeline the viewer may
 * not read is named as such, unlinked. Given the pipeline it explains, "Show
 * in lineage" opens the lineage explorer (when the app has it) with the path
 * from the root cause to that pipeline highlighted.
 */
export function RootCauseChain(props: {
  rootCause?: RootCause;
  pipelineRef?: string;
  /** Owner of the root cause (entity ref): whom the delay is waiting on. */
  owner?: string;
}) {
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
        Caused by <StepLink step={root} variant="body-small" weight="bold" />{' '}
        upstream ({label.toLowerCase()}, {partitionLabel(root.partition)})
        {props.owner && (
          <>
            , owned by{' '}
            <EntityRefLink
              entityRef={props.owner}
              defaultKind="group"
              hideIcon
            />
          </>
        )}
        {props.pipelineRef && lineageLink && isVisibleStep(root) && (
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
            <Fragment key={i}>
              {i > 0 && ' → '}
              <StepLink step={step} variant="body-x-small" />
            </Fragment>
          ))}
          {' → '}
          {stepName(root)}
        </Text>
      )}
    </Flex>
  );
}
