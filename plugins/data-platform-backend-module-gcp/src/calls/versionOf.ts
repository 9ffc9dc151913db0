import { createHash } from 'node:crypto';

/** A short digest of what a list call shows of a resource: its version. */
export function versionOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64');
}
