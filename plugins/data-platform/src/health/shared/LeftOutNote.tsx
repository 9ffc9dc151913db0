import { Text } from '@backstage/ui';
import {
  isVisibleStep,
  type RootCauseStep,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineName } from '../../format/entityNames';
import { plural } from '../../format/words';

/** How a root-cause step the viewer may not read is named. */
export const HIDDEN_PIPELINE = 'a pipeline you may not see';

/** A root-cause step's pipeline, by name, or as one the viewer may not see. */
export function stepName(step: RootCauseStep): string {
  return isVisibleStep(step) ? pipelineName(step.pipelineRef) : HIDDEN_PIPELINE;
}

/**
 * "2 pipelines you may not see are left out": the backend leaves out what
 * the catalog would not show the viewer, and the page says so rather than
 * look complete. Nothing when nothing was left out.
 */
export function LeftOutNote(props: { count?: number; what?: string }) {
  const { count } = props;
  if (!count) return null;
  return (
    <Text variant="body-small" color="secondary" data-testid="left-out-note">
      {plural(count, props.what ?? 'pipeline')} you may not see{' '}
      {count === 1 ? 'is' : 'are'} left out.
    </Text>
  );
}
