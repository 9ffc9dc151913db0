import { createHash } from 'node:crypto';

/** JSON with every object's keys sorted: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const entries = Object.keys(value)
    .sort()
    .map(
      key =>
        `${JSON.stringify(key)}:${canonicalJson(
          (value as Record<string, unknown>)[key],
        )}`,
    );
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) of a JSON text's canonical form: equal for equal values. */
export function payloadDigest(text: string): string {
  return createHash('sha256')
    .update(canonicalJson(JSON.parse(text)))
    .digest('hex');
}
