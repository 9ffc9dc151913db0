/**
 * The cron schedules generated pipelines use, and just enough cron to find
 * when they fire (all of them fire on the hour, in UTC).
 */
export const CRON_SCHEDULES: { cron: string; granularity: 'HOUR' | 'DAY' }[] = [
  { cron: '0 */6 * * *', granularity: 'HOUR' },
  { cron: '0 */4 * * *', granularity: 'HOUR' },
  { cron: '0 */2 * * *', granularity: 'HOUR' },
  { cron: '0 */12 * * *', granularity: 'HOUR' },
  { cron: '0 3 * * *', granularity: 'DAY' },
  { cron: '0 8 * * 1-5', granularity: 'DAY' },
  { cron: '0 5 * * 1', granularity: 'DAY' },
  { cron: '0 6 1 * *', granularity: 'DAY' },
];

const HOUR_MS = 3_600_000;

function fieldMatches(field: string, value: number, min: number): boolean {
  return field.split(',').some(item => {
    const [range, stepText] = item.split('/');
    const step = stepText ? Number(stepText) : 1;
    let from = min;
    let to = Number.MAX_SAFE_INTEGER;
    if (range !== '*') {
      const [a, b] = range.split('-').map(Number);
      from = a;
      to = b ?? (stepText ? Number.MAX_SAFE_INTEGER : a);
    }
    return value >= from && value <= to && (value - from) % step === 0;
  });
}

/** True when a five-field cron expression fires at this instant (UTC, minute precision). */
export function cronFiresAt(cron: string, atMs: number): boolean {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.trim().split(/\s+/);
  const at = new Date(atMs);
  const dow = at.getUTCDay();
  const domMatch = fieldMatches(dayOfMonth, at.getUTCDate(), 1);
  const dowMatch =
    fieldMatches(dayOfWeek, dow, 0) ||
    (dow === 0 && fieldMatches(dayOfWeek, 7, 0));
  // Cron's rule: when both day fields are restricted, either may match.
  const dayMatch =
    dayOfMonth !== '*' && dayOfWeek !== '*'
      ? domMatch || dowMatch
      : domMatch && dowMatch;
  return (
    fieldMatches(minute, at.getUTCMinutes(), 0) &&
    fieldMatches(hour, at.getUTCHours(), 0) &&
    fieldMatches(month, at.getUTCMonth() + 1, 1) &&
    dayMatch
  );
}

/** The last time before `atMs` an on-the-hour cron fired (searches back up to 32 days). */
export function previousCronFire(cron: string, atMs: number): number {
  for (let t = atMs - HOUR_MS; t > atMs - 32 * 24 * HOUR_MS; t -= HOUR_MS) {
    if (cronFiresAt(cron, t)) return t;
  }
  return atMs - 24 * HOUR_MS;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour (0-23) an instant falls in, in a time zone. */
export function localHour(atMs: number, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: 'numeric',
      hourCycle: 'h23',
    });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(new Date(atMs)));
}

/**
 * The local midnight before `atMs` (which is itself a local midnight): 23, 24
 * or 25 hours earlier around daylight-saving changes.
 */
export function previousLocalMidnight(atMs: number, timeZone: string): number {
  for (let hours = 23; hours <= 25; hours++) {
    const candidate = atMs - hours * HOUR_MS;
    if (localHour(candidate, timeZone) === 0) return candidate;
  }
  return atMs - 24 * HOUR_MS;
}
