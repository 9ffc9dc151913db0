/**
 * An RFC 3339 date-time: `2026-11-26T10:05:00Z`, `2026-11-26T10:05:00.123+02:00`,
 * `2026-11-26 10:05:00Z`; without a zone only where the caller allows it.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** A date-time read strictly: its instant, and whether it named its zone. */
export type ParsedDateTime =
  | { ms: number; zoned: boolean }
  | { problem: string };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * Reads an RFC 3339 date-time strictly: every field in range (no 13th
 * month, no 30 February, no second 60: leap seconds are not accepted), so
 * that nothing that passes a format check becomes another day or NaN.
 * Fractions past milliseconds are cut off. Without a zone the time is read
 * as UTC when `zone` is `optional` (and `zoned` says so), refused when it is
 * `required`.
 */
export function parseRfc3339(
  value: string,
  options: { zone: 'required' | 'optional' } = { zone: 'required' },
): ParsedDateTime {
  const match = DATE_TIME.exec(value);
  if (!match) {
    return {
      problem:
        options.zone === 'required'
          ? 'must be an RFC 3339 date-time such as 2026-11-26T10:05:00Z'
          : 'must be an RFC 3339 date-time such as 2026-11-26T10:05:00Z (a time without a zone is read as UTC)',
    };
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(
    Number,
  );
  if (year < 1) return { problem: 'has year 0' };
  if (month < 1 || month > 12) return { problem: `has month ${mo}` };
  if (day < 1 || day > daysIn(year, month)) {
    return { problem: `has day ${d}, which ${y}-${mo} does not have` };
  }
  if (hour > 23) return { problem: `has hour ${h}` };
  if (minute > 59) return { problem: `has minute ${mi}` };
  if (second > 59) {
    return { problem: `has second ${s} (leap seconds are not accepted)` };
  }
  let offsetMinutes = 0;
  if (zone === undefined) {
    if (options.zone === 'required') {
      return {
        problem: 'has no time zone (add Z or an offset such as +02:00)',
      };
    }
  } else if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2));
    if (offsetHours > 23 || offsetMins > 59) {
      return { problem: `has the offset ${zone}` };
    }
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(
    hour,
    minute,
    second,
    Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  return {
    ms: date.getTime() - offsetMinutes * 60_000,
    zoned: zone !== undefined,
  };
}
