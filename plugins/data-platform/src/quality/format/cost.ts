/** Words for what a check query cost. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1_536 -> "1.5 KB" (powers of 1,024, as BigQuery bills). */
export function bytesInWords(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** 1_250 -> "1.25 s", 40 -> "40 ms". */
export function millisInWords(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(2))} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

/** A measured value as the check reports it: rates as percentages, counts grouped. */
export function measuredValue(
  metric: string,
  value: number | string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (/rate$/.test(metric)) {
    const percent = value * 100;
    return `${Number(percent.toPrecision(percent < 10 ? 2 : 3))}%`;
  }
  return value.toLocaleString('en-US');
}
