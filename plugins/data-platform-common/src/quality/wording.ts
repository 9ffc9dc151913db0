/** Words for measured values in check results. */

// One formatter for all: toLocaleString builds a new one on every call,
// which scoring tens of thousands of endpoints feels.
const EN_US = new Intl.NumberFormat('en-US');

/** `1,200` */
export function count(n: number): string {
  return EN_US.format(n);
}

/** `3.2%`, `0.05%`, `100%`: two significant digits below 10%. */
export function percent(rate: number): string {
  const value = rate * 100;
  if (value === 0 || value >= 10) return `${Math.round(value * 10) / 10}%`;
  return `${Number(value.toPrecision(2))}%`;
}

/** A number or a date/time bound as written. */
export function bound(value: number | string): string {
  return typeof value === 'number' ? count(value) : value;
}

/** `2h 10m`, `45m`, `3d 2h`, `30s` */
export function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes === 0) return `${Math.round(Math.abs(ms) / 1000)}s`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days}d`, hours && `${hours}h`, rest && `${rest}m`]
    .filter(Boolean)
    .join(' ');
}

/** `PT2H` -> 7,200,000 ms (days, hours, minutes, seconds: the forms the kinds allow). */
export function isoDurationMs(value: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    value,
  );
  if (!match) throw new Error(`"${value}" is not an ISO 8601 duration`);
  const [, d, h, m, s] = match.map(Number);
  return ((((d || 0) * 24 + (h || 0)) * 60 + (m || 0)) * 60 + (s || 0)) * 1000;
}
