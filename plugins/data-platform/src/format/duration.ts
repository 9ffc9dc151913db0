/**
 * Words for the ISO 8601 durations the data platform's YAML uses (SLA
 * deadlines, freshness limits): days, hours, minutes and seconds, e.g. `PT2H`
 * or `P1DT6H`. Years, months and weeks are not accepted by the kinds' JSON
 * Schema, so they are not handled here either.
 */

const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

const UNITS = ['day', 'hour', 'minute', 'second'] as const;

/** `PT2H` -> "2 hours", `P1DT6H` -> "1 day 6 hours"; the input itself when it is not a duration. */
export function durationInWords(duration: string): string {
  const match = ISO_DURATION.exec(duration.trim());
  if (!match || duration.trim() === 'P' || duration.trim().endsWith('T')) {
    return duration;
  }
  const parts = UNITS.flatMap((unit, i) => {
    const amount = Number(match[i + 1] ?? 0);
    if (!amount) return [];
    return [`${amount} ${unit}${amount === 1 ? '' : 's'}`];
  });
  return parts.length > 0 ? parts.join(' ') : 'no time';
}

/** "2 hours after the partition period ends" for an SLA deadline of `PT2H`. */
export function slaDeadlineInWords(deadline: string): string {
  const words = durationInWords(deadline);
  if (words === deadline) {
    return `${deadline} after the partition period ends`;
  }
  if (words === 'no time') {
    return 'when the partition period ends';
  }
  return `${words} after the partition period ends`;
}
