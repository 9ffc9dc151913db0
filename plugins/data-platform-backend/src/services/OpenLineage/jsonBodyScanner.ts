import { InputError } from '@backstage/errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** JSON's insignificant whitespace: space, tab, line feed, carriage return. */
export function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * The index just past the JSON string whose opening quote is at `quote`, or
 * -1 when it does not end before `end`. Strings are found with the native
 * `indexOf`: most of an event's bytes are in strings.
 */
function endOfString(bytes: Buffer, quote: number, end: number): number {
  for (let from = quote + 1; ; ) {
    const next = bytes.indexOf(QUOTE, from);
    if (next === -1 || next >= end) return -1;
    let backslashes = 0;
    for (let i = next - 1; i > quote && bytes[i] === BACKSLASH; i--) {
      backslashes++;
    }
    if (backslashes % 2 === 0) return next + 1;
    from = next + 1;
  }
}

/**
 * How deeply objects and arrays nest in the JSON text `bytes[start, end)`,
 * read without parsing it and without recursion; counting stops once it
 * passes `limit`. `{}` is 1, `{"a":[{}]}` is 3. Text that is not JSON gets
 * some count; parsing it refuses it anyway.
 */
export function nestingDepth(
  bytes: Buffer,
  start: number,
  end: number,
  limit: number,
): number {
  let depth = 0;
  let deepest = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      const after = endOfString(bytes, i, end);
      if (after < 0) return deepest;
      i = after - 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return deepest;
}

/** One element of a JSON array: where its text is, and how deeply it nests. */
export type JsonElement = { start: number; end: number; depth: number };

const broken = (what: string) =>
  new InputError(`Body is not valid JSON: ${what}`);

/**
 * The elements of the JSON array whose `[` is at `open`, in order, found by
 * their bytes alone: strings are skipped, brackets counted, and a comma or
 * the closing bracket at the array's own level ends an element. Nothing is
 * parsed and nothing recursed into, so the caller can parse (and pause
 * between) one element at a time, and an element nested thousands deep
 * costs its length. Throws an InputError when the array is not well formed
 * (an empty element, unbalanced brackets, text after the array); the
 * elements themselves are checked by parsing them.
 */
export function* arrayElements(
  bytes: Buffer,
  open: number,
  end: number,
): Generator<JsonElement> {
  let elementStart = -1;
  let lastByte = -1;
  let depth = 0;
  let deepest = 0;
  let afterComma = false;
  for (let i = open + 1; i < end; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      if (elementStart < 0) elementStart = i;
      const after = endOfString(bytes, i, end);
      if (after < 0) throw broken('a string does not end');
      i = after - 1;
      lastByte = i;
      continue;
    }
    if (depth === 0 && (byte === COMMA || byte === CLOSE_ARRAY)) {
      if (elementStart >= 0) {
        yield { start: elementStart, end: lastByte + 1, depth: deepest };
      } else if (byte === COMMA || afterComma) {
        throw broken('the array has an empty element');
      }
      if (byte === CLOSE_ARRAY) {
        for (let rest = i + 1; rest < end; rest++) {
          if (!isJsonWhitespace(bytes[rest])) {
            throw broken('there is text after the array');
          }
        }
        return;
      }
      afterComma = true;
      elementStart = -1;
      deepest = 0;
      continue;
    }
    if (isJsonWhitespace(byte)) continue;
    if (elementStart < 0) elementStart = i;
    lastByte = i;
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
      if (depth < 0) throw broken('a bracket closes what was not opened');
    }
  }
  throw broken('the array does not end');
}
