import { hourPartitionId, partitionStartOf } from './partitionIds';

describe('partitionStartOf', () => {
  it.each([
    ['2026030113', 'HOUR', '2026-03-01T13:00:00.000Z'],
    ['20260301', 'DAY', '2026-03-01T00:00:00.000Z'],
    ['202603', 'MONTH', '2026-03-01T00:00:00.000Z'],
    ['2026', 'YEAR', '2026-01-01T00:00:00.000Z'],
  ] as const)('reads %s as the start of its %s', (id, granularity, start) => {
    expect(partitionStartOf(id, granularity)).toBe(start);
  });

  it.each([
    ['__NULL__', 'DAY'],
    ['__UNPARTITIONED__', 'HOUR'],
    ['20260301', 'HOUR'],
    ['2026030113', 'DAY'],
    ['20260231', 'DAY'],
    ['2026030124', 'HOUR'],
    ['40', 'YEAR'],
  ] as const)('reads no partition start from %s of a %s table', (id, g) => {
    expect(partitionStartOf(id, g)).toBeUndefined();
  });

  it("writes a time as its hour's partition id, in UTC", () => {
    expect(hourPartitionId('2026-03-01T06:59:00+02:00')).toBe('2026030104');
  });
});
