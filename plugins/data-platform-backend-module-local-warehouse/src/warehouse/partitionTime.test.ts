import { expiryCutoff, partitionStart } from './partitionTime';

describe('partitionStart', () => {
  const time = new Date('2026-03-14T15:42:10.123Z');

  it.each([
    ['HOUR', '2026-03-14T15:00:00.000Z'],
    ['DAY', '2026-03-14T00:00:00.000Z'],
    ['MONTH', '2026-03-01T00:00:00.000Z'],
    ['YEAR', '2026-01-01T00:00:00.000Z'],
  ] as const)('starts %s partitions in UTC', (granularity, start) => {
    expect(partitionStart(time, granularity).toISOString()).toBe(start);
  });
});

describe('expiryCutoff', () => {
  it('expires a partition once its start plus the expiration has passed', () => {
    // 2 days before 2026-03-14T15:42 is 2026-03-12T15:42: the 15:00
    // partition of that day has expired, the 16:00 one has not.
    expect(
      expiryCutoff(new Date('2026-03-14T15:42:00Z'), 2, 'HOUR').toISOString(),
    ).toBe('2026-03-12T16:00:00.000Z');
    expect(
      expiryCutoff(new Date('2026-03-14T15:42:00Z'), 2, 'DAY').toISOString(),
    ).toBe('2026-03-13T00:00:00.000Z');
    expect(
      expiryCutoff(new Date('2026-03-14T15:42:00Z'), 30, 'MONTH').toISOString(),
    ).toBe('2026-03-01T00:00:00.000Z');
  });
});
