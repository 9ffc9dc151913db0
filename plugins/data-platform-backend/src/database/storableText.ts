/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored or looked up as it is, or undefined when it
 * can. PostgreSQL's text refuses the NUL character; a lone surrogate has no
 * UTF-8 form, so the driver turns it into U+FFFD and the stored value no
 * longer equals the string (two names would become one). Both are refused
 * wherever a request names something, rather than a 500 from the database.
 */
export function unstorableText(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(value)) {
    return 'must not contain a lone surrogate (half of a UTF-16 pair)';
  }
  return undefined;
}

/**
 * `value` made storable where the text is free-form (a failure message, a
 * dead letter's reason): NUL characters and lone surrogates become U+FFFD.
 */
export function storableText(value: string): string {
  return unstorableText(value) === undefined
    ? value
    : value.replaceAll('\u0000', '\uFFFD').toWellFormed();
}
