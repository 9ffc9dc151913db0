/**
 * Orders two bounds or measured values: numbers by value; dates and times
 * by the instant they name; anything else (TIME) as text.
 */
export function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [Date.parse(String(a)), Date.parse(String(b))];
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return String(a).localeCompare(String(b), 'en-US');
}
