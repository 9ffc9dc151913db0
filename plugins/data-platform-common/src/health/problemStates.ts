import type { PartitionState } from './types';

/**
 * The partition states the on-call engineer acts on: late (its deadline passed
 * and it has not landed) and failed (its latest run failed).
 */
export const PROBLEM_STATES = [
  'late',
  'failed',
] as const satisfies readonly PartitionState[];

/** A partition state the on-call engineer acts on. */
export type ProblemState = (typeof PROBLEM_STATES)[number];

/**
 * Whether a partition's (or a pipeline's, or an endpoint's) state is one the
 * on-call engineer acts on: late or failed.
 */
export function isProblemState(state: string): state is ProblemState {
  return (PROBLEM_STATES as readonly string[]).includes(state);
}
