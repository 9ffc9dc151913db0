import type { PartitionState } from './types';
import { isProblemState, PROBLEM_STATES } from './problemStates';

describe('isProblemState', () => {
  it('holds for late and failed partitions only', () => {
    const states: PartitionState[] = [
      'pending',
      'running',
      'landed_on_time',
      'landed_late',
      'late',
      'failed',
      'backfilled',
    ];

    expect(states.filter(isProblemState)).toEqual(['late', 'failed']);
  });

  it('holds for the states PROBLEM_STATES lists', () => {
    expect(PROBLEM_STATES.every(isProblemState)).toBe(true);
  });

  it('does not hold for states other than partition ones', () => {
    expect(isProblemState('healthy')).toBe(false);
    expect(isProblemState('fresh')).toBe(false);
    expect(isProblemState('unknown')).toBe(false);
  });
});
