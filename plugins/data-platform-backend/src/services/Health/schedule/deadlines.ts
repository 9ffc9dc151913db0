import { DateTime, Duration } from 'luxon';
import type { Period } from './periods';

/** A Pipeline's `spec.sla.deadline`: an ISO 8601 duration after the period ends. */
type SlaDuration = string;

const parsed = new Map<string, Duration>();

/** Parses an ISO 8601 duration (`PT2H`, `P1D`), or throws naming it. */
function parseIsoDuration(value: string): Duration {
  let duration = parsed.get(value);
  if (!duration) {
    duration = Duration.fromISO(value);
    if (!duration.isValid) {
      throw new Error(`"${value}" is not an ISO 8601 duration`);
    }
    parsed.set(value, duration);
  }
  return duration;
}

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
  const duration = parseIsoDuration(sla);
  if (
    !duration.years &&
    !duration.months &&
    !duration.weeks &&
    !duration.days
  ) {
    return period.end + duration.as('milliseconds');
  }
  return DateTime.fromMillis(period.end, { zone: timezone ?? 'UTC' })
    .plus(duration)
    .toMillis();
}

/** An SLA as milliseconds (calendar units at their nominal length). */
export function durationMs(value: string): number {
  return parseIsoDuration(value).as('milliseconds');
}
