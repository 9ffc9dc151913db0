import type { HealthState } from './types';
import { isProblemState, PROBLEM_STATES } from './problemStates';

describe('isProblemState', () => {
  it('holds for late, failed and bad-data partitions only', () => {
    const states: HealthState[] = [
      'pending',
      'running',
      'landed_on_time',
      'landed_late',
      'late',
      'failed',
      'backfilled',
      'bad_data',
    ];

    expect(states.filter(isProblemState)).toEqual([
      'late',
      'failed',
      'bad_data',
    ]);
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
