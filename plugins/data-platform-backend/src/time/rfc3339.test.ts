import { parseRfc3339 } from './rfc3339';

const ms = (value: string, zone: 'required' | 'optional' = 'required') => {
  const parsed = parseRfc3339(value, { zone });
  return 'ms' in parsed ? parsed.ms : parsed.problem;
};

describe('parseRfc3339', () => {
  it('reads RFC 3339 date-times to the millisecond, offsets applied', () => {
    expect(ms('2026-11-26T10:05:00Z')).toBe(Date.UTC(2026, 10, 26, 10, 5));
    expect(ms('2026-11-26t10:05:00.1z')).toBe(
      Date.UTC(2026, 10, 26, 10, 5, 0, 100),
    );
    expect(ms('2026-11-26 10:05:00.123456789+02:00')).toBe(
      Date.UTC(2026, 10, 26, 8, 5, 0, 123),
    );
    expect(ms('2026-11-26T10:05:00-0130')).toBe(Date.UTC(2026, 10, 26, 11, 35));
    expect(ms('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(ms('0050-01-01T00:00:00Z')).toBe(-60589296000000);
    expect(ms('9999-12-31T23:59:59.999Z')).toBe(253402300799999);
  });

  it('refuses what passes a format check but names no real instant', () => {
    expect(ms('2024-13-01T00:00:00Z')).toBe('has month 13');
    expect(ms('2024-02-30T00:00:00Z')).toBe(
      'has day 30, which 2024-02 does not have',
    );
    expect(ms('2023-02-29T00:00:00Z')).toMatch(/^has day 29/);
    expect(ms('2100-02-29T00:00:00Z')).toMatch(/^has day 29/);
    expect(ms('2024-04-31T00:00:00Z')).toMatch(/^has day 31/);
    expect(ms('2024-01-01T23:59:60Z')).toBe(
      'has second 60 (leap seconds are not accepted)',
    );
    expect(ms('2024-01-01T24:00:00Z')).toBe('has hour 24');
    expect(ms('2024-01-01T10:60:00Z')).toBe('has minute 60');
    expect(ms('2024-01-01T10:00:00+24:00')).toBe('has the offset +24:00');
    expect(ms('0000-01-01T00:00:00Z')).toBe('has year 0');
    for (const text of [
      'yesterday',
      '2024-01-01',
      '2024-W01-1T00:00:00Z',
      '2024-001T00:00:00Z',
      '2024-01-01T10:00Z',
      '+002024-01-01T00:00:00Z',
      ' 2024-01-01T10:00:00Z',
      '2024-01-01T10:00:00Z\n',
      '2024-1-01T10:00:00Z',
    ]) {
      expect(ms(text)).toMatch(/^must be an RFC 3339 date-time/);
    }
  });

  it('reads a time without a zone as UTC only when the zone is optional, and says so', () => {
    expect(ms('2026-11-26T10:05:00')).toBe(
      'has no time zone (add Z or an offset such as +02:00)',
    );
    expect(parseRfc3339('2026-11-26T10:05:00', { zone: 'optional' })).toEqual({
      ms: Date.UTC(2026, 10, 26, 10, 5),
      zoned: false,
    });
    expect(parseRfc3339('2026-11-26T10:05:00Z', { zone: 'optional' })).toEqual({
      ms: Date.UTC(2026, 10, 26, 10, 5),
      zoned: true,
    });
  });
});
