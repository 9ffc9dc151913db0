const GRANULARITY_WORDS: Record<string, string> = {
  HOUR: 'Hourly',
  DAY: 'Daily',
  MONTH: 'Monthly',
  YEAR: 'Yearly',
  NONE: 'Not time-partitioned',
};

/** "Hourly" for `HOUR`. */
export function granularityInWords(granularity: string | undefined): string {
  if (!granularity) return 'unknown';
  return GRANULARITY_WORDS[granularity] ?? granularity;
}

/** "90 days", "1 day". */
export function retentionInWords(days: number | undefined): string | undefined {
  if (days === undefined || days === null) return undefined;
  return `${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
}
