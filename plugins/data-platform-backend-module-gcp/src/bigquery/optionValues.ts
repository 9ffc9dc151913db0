/**
 * Reads the values of INFORMATION_SCHEMA.TABLE_OPTIONS, which are GoogleSQL
 * literals as text: `"a description"`, `[STRUCT("owner", "playback")]`,
 * `90.0`, `true`.
 */

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\u0007',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  '?': '?',
  '"': '"',
  "'": "'",
  '`': '`',
};

/** Reads one quoted string literal at `start`; returns its value and where it ends. */
function readStringLiteral(
  text: string,
  start: number,
): { value: string; end: number } {
  const quote = text[start];
  if (quote !== '"' && quote !== "'") {
    throw new Error(`Expected a string literal in ${text}`);
  }
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== quote) {
    if (text[i] !== '\\') {
      value += text[i++];
      continue;
    }
    const escape = text[i + 1];
    if (escape in ESCAPES) {
      value += ESCAPES[escape];
      i += 2;
    } else if (escape === 'x' || escape === 'X') {
      value += String.fromCodePoint(parseInt(text.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (escape === 'u') {
      value += String.fromCodePoint(parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (escape === 'U') {
      value += String.fromCodePoint(parseInt(text.slice(i + 2, i + 10), 16));
      i += 10;
    } else if (/[0-7]/.test(escape)) {
      value += String.fromCodePoint(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    } else {
      throw new Error(`Unknown escape \\${escape} in ${text}`);
    }
  }
  if (text[i] !== quote) throw new Error(`Unterminated string in ${text}`);
  return { value, end: i + 1 };
}

/** A string option, e.g. `description`. */
export function parseStringOption(value: string): string {
  return readStringLiteral(value.trim(), 0).value;
}

/** The `labels` option: an array of `STRUCT("key", "value")`. */
export function parseLabelsOption(value: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const pattern = /STRUCT\(\s*/gi;
  while (pattern.exec(value)) {
    const key = readStringLiteral(value, pattern.lastIndex);
    const comma = value.indexOf(',', key.end);
    let start = comma + 1;
    while (value[start] === ' ') start++;
    const label = readStringLiteral(value, start);
    labels[key.value] = label.value;
    pattern.lastIndex = label.end;
  }
  return labels;
}

/** A number option, e.g. `partition_expiration_days` (`90.0`). */
export function parseNumberOption(value: string): number | undefined {
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : undefined;
}

/** A boolean option, e.g. `require_partition_filter`. */
export function parseBooleanOption(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}
