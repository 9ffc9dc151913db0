import type { LineageNodeKind } from '@dataplatform/backstage-plugin-data-platform-common';
import type { NodeRow, ObservedNode } from './types';

const OPENLINEAGE_PREFIX = 'openlineage:';

/**
 * The public id of a node: its entity ref while a catalog entity backs it,
 * else `openlineage:<dataset|job>:<namespace>/<name>`.
 */
export function publicNodeId(row: NodeRow): string {
  if (row.entity_ref) return row.entity_ref;
  const type = row.kind === 'Job' ? 'job' : 'dataset';
  return `${OPENLINEAGE_PREFIX}${type}:${row.ol_namespace}/${row.ol_name}`;
}

/** Parses an `openlineage:...` id; undefined for entity refs. */
export function parseOpenLineageNodeId(id: string): ObservedNode | undefined {
  if (!id.startsWith(OPENLINEAGE_PREFIX)) return undefined;
  const rest = id.slice(OPENLINEAGE_PREFIX.length);
  const match = /^(dataset|job):([^/]*)\/(.+)$/.exec(rest);
  if (!match) return undefined;
  // Namespaces such as gs://bucket contain slashes: the name starts after the
  // namespace's own scheme part, so split on the first slash after "://".
  const [, type, head, tail] = match;
  if (rest.includes('://')) {
    const afterScheme = rest.indexOf('://') + 3;
    const slash = rest.indexOf('/', afterScheme);
    if (slash < 0) return undefined;
    return {
      type: type as 'dataset' | 'job',
      namespace: rest.slice(type.length + 1, slash),
      name: rest.slice(slash + 1),
    };
  }
  return { type: type as 'dataset' | 'job', namespace: head, name: tail };
}

/** The lineage kind of a stored node. */
export function nodeKind(row: NodeRow): LineageNodeKind {
  return row.kind as LineageNodeKind;
}

// PostgreSQL indexes search_text, and an index entry holds at most 2,704
// bytes: the text is cut to this many bytes of UTF-8 (and 2,048 characters,
// the column's size).
const SEARCH_TEXT_BYTES = 2000;

/** The text search matches against. */
export function searchText(parts: (string | null | undefined)[]): string {
  const text = parts
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US')
    .slice(0, 2048);
  if (Buffer.byteLength(text, 'utf8') <= SEARCH_TEXT_BYTES) return text;
  // Cut at a character boundary: decoding the cut bytes drops a partial
  // character as U+FFFD, which the slice takes off again.
  const cut = Buffer.from(text, 'utf8')
    .subarray(0, SEARCH_TEXT_BYTES)
    .toString('utf8');
  return cut.endsWith('\uFFFD') && !text.startsWith(cut)
    ? cut.slice(0, -1)
    : cut;
}
