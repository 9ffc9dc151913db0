import {
  durationInWords,
  partitionLabel,
  relativeTime,
  stateDuration,
  timestampLabel,
} from './time';

describe('durationInWords', () => {
  it.each([
    [400, '< 1 min'],
    [42_000, '42 s'],
    [5 * 60_000, '5 min'],
    [2 * 3_600_000, '2 h'],
    [2 * 3_600_000 + 15 * 60_000 + 59_000, '2 h 15 min'],
    [3 * 86_400_000 + 4 * 3_600_000 + 7 * 60_000, '3 d 4 h'],
    [86_400_000, '1 d'],
  ])('%d ms -> %s', (ms, words) => {
    expect(durationInWords(ms)).toBe(words);
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('says how long ago or how soon', () => {
    expect(relativeTime('2026-11-26T09:45:00Z', now)).toBe('15 min ago');
    expect(relativeTime('2026-11-26T12:30:00Z', now)).toBe('in 2 h 30 min');
    expect(relativeTime('2026-11-26T09:59:30Z', now)).toBe('just now');
  });
});

describe('stateDuration', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('says how long a state has lasted, without "since ... ago"', () => {
    expect(stateDuration('2026-11-25T07:00:00Z', now)).toBe('for 1 d 3 h');
    expect(stateDuration('2026-11-26T09:45:00Z', now)).toBe('for 15 min');
    expect(stateDuration('2026-11-26T09:59:30Z', now)).toBe('for < 1 min');
  });

  it('counts a begin time ahead of the clock as just begun', () => {
    expect(stateDuration('2026-11-26T10:05:00Z', now)).toBe('for < 1 min');
  });
});

describe('partition and time labels (UTC, as partitions are named)', () => {
  it('names a daily partition by its day and an hourly one by day and hour', () => {
    expect(partitionLabel('2026-11-26T00:00:00.000Z')).toBe('Thu 26 Nov');
    expect(partitionLabel('2026-11-26T09:00:00.000Z')).toBe(
      'Thu 26 Nov 09:00 UTC',
    );
    expect(partitionLabel('2026-11-25T23:00:00.000Z')).toBe(
      'Wed 25 Nov 23:00 UTC',
    );
    expect(partitionLabel('not a date')).toBe('not a date');
    // The period tells an hour starting at midnight from a day.
    expect(
      partitionLabel('2026-11-27T00:00:00.000Z', '2026-11-27T01:00:00.000Z'),
    ).toBe('Fri 27 Nov 00:00 UTC');
    expect(
      partitionLabel('2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z'),
    ).toBe('Fri 27 Nov');
  });

  it('gives moments with day and time', () => {
    expect(timestampLabel('2026-11-26T00:05:00.000Z')).toBe(
      'Thu 26 Nov 00:05 UTC',
    );
  });
});
