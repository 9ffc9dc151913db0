import { durationInWords, slaDeadlineInWords } from './duration';

describe('durationInWords', () => {
  it.each([
    ['PT2H', '2 hours'],
    ['PT1H', '1 hour'],
    ['PT30M', '30 minutes'],
    ['P1DT6H', '1 day 6 hours'],
    ['P2D', '2 days'],
    ['PT1H30M15S', '1 hour 30 minutes 15 seconds'],
  ])('%s -> %s', (duration, words) => {
    expect(durationInWords(duration)).toBe(words);
  });

  it('leaves what is not a day-time duration alone', () => {
    expect(durationInWords('two hours')).toBe('two hours');
    expect(durationInWords('P1W')).toBe('P1W');
    expect(durationInWords('PT')).toBe('PT');
  });
});

describe('slaDeadlineInWords', () => {
  it('puts the deadline after the end of the partition period', () => {
    expect(slaDeadlineInWords('PT2H')).toBe(
      '2 hours after the partition period ends',
    );
    expect(slaDeadlineInWords('P1DT6H')).toBe(
      '1 day 6 hours after the partition period ends',
    );
    expect(slaDeadlineInWords('PT0H')).toBe('when the partition period ends');
  });
});
