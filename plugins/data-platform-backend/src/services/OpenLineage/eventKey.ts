import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so that two serialisations of
 * the same event (a producer's retry, a replayed file) read the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The stable key of an OpenLineage event: SHA-256 (hex) of its canonical
 * JSON. A hash of the whole event rather than (runId, eventType, eventTime)
 * because RUNNING/OTHER events of one run may share a time and differ only in
 * their facets, and JobEvents and DatasetEvents have no run at all.
 */
export function openLineageEventKey(event: unknown): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}
