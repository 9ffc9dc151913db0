/**
 * Words for the times and durations of the health and lineage pages.
 * Absolute times are shown in UTC, the time partitions are named in (a
 * BigQuery partition `2026112609` is the 09:00 UTC hour), so what the page
 * says matches what engineers query.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 8_100_000 -> "2 h 15 min"; the two largest units, rounded down; "< 1 min" below a minute. */
export function durationInWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) {
    return abs < 1000 ? '< 1 min' : `${Math.floor(abs / 1000)} s`;
  }
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0)
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** "15 min ago" for a past time, "in 2 h" for a future one. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  if (Math.abs(diff) < MINUTE) return 'just now';
  const words = durationInWords(diff);
  return diff < 0 ? `${words} ago` : `in ${words}`;
}

/**
 * How long a state has lasted, from when it began: "for 1 d 3 h", "for
 * 15 min", "for < 1 min". Not "since 1 d 3 h ago": "since" wants a moment,
 * "ago" an age. A begin time in the future (a clock ahead of ours) counts as
 * just begun.
 */
export function stateDuration(since: string, now: number = Date.now()): string {
  const elapsed = Math.max(0, now - Date.parse(since));
  return `for ${durationInWords(elapsed < MINUTE ? 0 : elapsed)}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function isUtcMidnight(date: Date) {
  return (
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0
  );
}

/**
 * A partition by the start of its period: "Thu 26 Nov" for a day,
 * "Thu 26 Nov 09:00 UTC" for an hour (or any period not starting at midnight
 * UTC). Given the period's end, a period shorter than a day keeps its time
 * even at midnight: the 00:00 hour is "Thu 26 Nov 00:00 UTC", not the day.
 */
export function partitionLabel(iso: string, periodEnd?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const shorterThanADay =
    periodEnd !== undefined &&
    new Date(periodEnd).getTime() - date.getTime() < DAY;
  if (isUtcMidnight(date) && !shorterThanADay) return dateFormat.format(date);
  return `${dateFormat.format(date)} ${timeFormat.format(date)} UTC`;
}

/** "Thu 26 Nov 09:32 UTC" for a moment (a landing, a deadline, an alert event). */
export function timestampLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${dateFormat.format(date)} ${timeFormat.format(date)} UTC`;
}

/** "09:32 UTC": the time of day only, for labels where the day is clear. */
export function timeOfDayLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${timeFormat.format(date)} UTC`;
}

export const durations = { MINUTE, HOUR, DAY };
