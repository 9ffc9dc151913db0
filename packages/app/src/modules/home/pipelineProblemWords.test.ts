import { pipelineProblemWords } from './pipelineProblemWords';

const now = Date.parse('2026-12-05T12:00:00Z');

describe('pipelineProblemWords', () => {
  it('says how late a late pipeline is', () => {
    expect(
      pipelineProblemWords({ state: 'late', lateByMs: 2 * 3_600_000 }, now),
    ).toBe('Late by 2 h');
  });

  it('says how long a pipeline has been failing or writing bad data', () => {
    expect(
      pipelineProblemWords(
        { state: 'failed', since: '2026-12-04T09:00:00Z' },
        now,
      ),
    ).toBe('Failed for 1 d 3 h');
    expect(
      pipelineProblemWords(
        { state: 'bad_data', since: '2026-12-05T11:40:00Z' },
        now,
      ),
    ).toBe('Bad data for 20 min');
  });

  it('says when the cause is upstream', () => {
    expect(
      pipelineProblemWords(
        {
          state: 'late',
          lateByMs: 45 * 60_000,
          rootCause: {
            chain: [
              {
                pipelineRef: 'pipeline:default/raw-plays',
                partition: '2026120510',
                state: 'failed',
              },
            ],
          },
        },
        now,
      ),
    ).toBe('Late by 45 min, caused upstream');
  });
});
