import { partitionLabel } from '../../format/time';

const HOUR_MS = 3_600_000;

/**
 * A partition in words, knowing the table's granularity: an hourly
 * partition keeps its time even at midnight ("Thu 26 Nov 00:00 UTC"), a
 * daily one is its day ("Thu 26 Nov").
 */
export function partitionInWords(
  partition: string | undefined,
  granularity?: string,
): string {
  if (!partition) return 'Latest';
  const periodEnd =
    granularity === 'HOUR'
      ? new Date(Date.parse(partition) + HOUR_MS).toISOString()
      : undefined;
  return partitionLabel(partition, periodEnd);
}
