import type { HealthState } from './types';

/**
 * The states the on-call engineer acts on: late (its deadline passed and it
 * has not landed), failed (its latest run failed) and bad data (it landed,
 * but a critical quality check of what it wrote fails).
 */
export const PROBLEM_STATES = [
  'late',
  'failed',
  'bad_data',
] as const satisfies readonly HealthState[];

/** A state the on-call engineer acts on. */
export type ProblemState = (typeof PROBLEM_STATES)[number];

/**
 * Whether a partition's (or a pipeline's, or an endpoint's) state is one the
 * on-call engineer acts on: late, failed or bad data.
 */
export function isProblemState(state: string): state is ProblemState {
  return (PROBLEM_STATES as readonly string[]).includes(state);
}
