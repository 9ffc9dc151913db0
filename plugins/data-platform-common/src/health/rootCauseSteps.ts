import type { RootCauseStep } from './types';

/** Whether a root-cause step names a pipeline the caller may read. */
export function isVisibleStep(
  step: RootCauseStep,
): step is Extract<RootCauseStep, { pipelineRef: string }> {
  return 'pipelineRef' in step;
}
