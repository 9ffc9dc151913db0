import { DateTime, Duration } from 'luxon';
import type { Period } from './periods';

/** A Pipeline's `spec.sla.deadline`: an ISO 8601 duration after the period ends. */
type SlaDuration = string;

/** A parsed SLA; `fixedMs` when it has no calendar units. */
type Sla = { duration: Duration; fixedMs?: number };

const parsed = new Map<string, Sla>();

/** Parses an ISO 8601 duration (`PT2H`, `P1D`), or throws naming it. */
function parseSla(value: string): Sla {
  let sla = parsed.get(value);
  if (!sla) {
    const duration = Duration.fromISO(value);
    if (!duration.isValid) {
      throw new Error(`"${value}" is not an ISO 8601 duration`);
    }
    const calendar =
      duration.years || duration.months || duration.weeks || duration.days;
    sla = calendar
      ? { duration }
      : { duration, fixedMs: duration.as('milliseconds') };
    parsed.set(value, sla);
  }
  return sla;
}

/** Deadlines counted in calendar units, by period end, SLA and zone. */
const calendarDeadlines = new Map<string, number>();
const MAX_CALENDAR_DEADLINES = 10_000;

/**
 * When a partition is expected by: the end of its period plus the SLA,
 * counted in the schedule's time zone, so `P1D` after a local midnight is the
 * next local midnight even across a daylight-saving change, while `PT6H` is
 * always six hours.
 */
export function deadlineOf(
  period: Period,
  sla: SlaDuration,
  timezone: string | undefined,
): number {
  const { duration, fixedMs } = parseSla(sla);
  if (fixedMs !== undefined) return period.end + fixedMs;
  const key = `${period.end}|${sla}|${timezone ?? 'UTC'}`;
  let deadline = calendarDeadlines.get(key);
  if (deadline === undefined) {
    deadline = DateTime.fromMillis(period.end, { zone: timezone ?? 'UTC' })
      .plus(duration)
      .toMillis();
    if (calendarDeadlines.size >= MAX_CALENDAR_DEADLINES) {
      calendarDeadlines.clear();
    }
    calendarDeadlines.set(key, deadline);
  }
  return deadline;
}

/** An SLA as milliseconds (calendar units at their nominal length). */
export function durationMs(value: string): number {
  const { duration, fixedMs } = parseSla(value);
  return fixedMs ?? duration.as('milliseconds');
}
