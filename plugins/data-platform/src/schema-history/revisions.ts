import countBy from 'lodash/countBy';
import groupBy from 'lodash/groupBy';
import {
  ANNOTATION_SCHEMA_REVISED_AT,
  ANNOTATION_SCHEMA_REVISION_COMMENT,
  checkCompatibility,
  CompatibilityReport,
  diffSchemas,
  EventTypeSchema,
  flattenFields,
  SchemaChange,
  SchemaField,
  SchemaRevision,
  schemaRevisions,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** One revision with its verdict against the ones before it, under the event type's mode. */
export interface RevisionSummary extends SchemaRevision {
  current: boolean;
  /** Against the earlier revisions (absent for the first one). */
  report?: CompatibilityReport;
}

/**
 * Every revision, oldest first, each checked the way the mode checks a new
 * revision. The current one's date and comment come from the entity's
 * annotations (the model keeps them there until it moves into the history).
 */
export function revisionSummaries(
  schema: EventTypeSchema,
  annotations: Record<string, string> = {},
): RevisionSummary[] {
  const revisions = schemaRevisions(schema);
  const currentMeta = {
    createdAt: annotations[ANNOTATION_SCHEMA_REVISED_AT],
    comment: annotations[ANNOTATION_SCHEMA_REVISION_COMMENT],
  };
  return revisions.map((revision, i) => ({
    ...revision,
    ...(revision.revision === schema.revision ? currentMeta : {}),
    current: revision.revision === schema.revision,
    report:
      i === 0
        ? undefined
        : checkCompatibility({
            mode: schema.compatibility,
            previous: revisions.slice(0, i),
            fields: revision.fields,
          }),
  }));
}

/** `2 added, 1 removed, 1 type changed` */
export function changesInWords(changes: SchemaChange[]): string {
  if (changes.length === 0) return 'no changes';
  const words: Record<SchemaChange['kind'], string> = {
    'field-added': 'added',
    'field-removed': 'removed',
    'field-renamed': 'renamed',
    'type-changed': 'type changed',
    'mode-changed': 'mode changed',
    'pii-changed': 'PII changed',
    'description-changed': 'description changed',
  };
  const counts = countBy(changes, change => words[change.kind]);
  return Object.entries(counts)
    .map(([word, n]) => `${n} ${word}`)
    .join(', ');
}

/** One line of a diff between two revisions' fields. */
export interface DiffRow {
  path: string;
  depth: number;
  field: SchemaField;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** What changed, e.g. `type STRING -> INT64`. */
  notes: string[];
}

/**
 * The fields of `after` in order, each marked added, changed or unchanged
 * against `before`, with the removed fields of `before` after the last field
 * of their record.
 */
export function diffRows(
  before: SchemaField[],
  after: SchemaField[],
): DiffRow[] {
  const changes = diffSchemas(before, after);
  // A Map: a field may be named like an object's own (`constructor`).
  const byPath = new Map(
    Object.entries(groupBy(changes, change => change.path)),
  );
  const rows: DiffRow[] = flattenFields(after).map(({ path, depth, field }) => {
    const own = byPath.get(path) ?? [];
    let status: DiffRow['status'] = own.length > 0 ? 'changed' : 'unchanged';
    const addedHere = (p: string) =>
      (byPath.get(p) ?? []).some(
        c => c.kind === 'field-added' || c.kind === 'field-renamed',
      );
    // Fields of an added record are new too.
    const ancestors = path
      .split('.')
      .map((_, i, parts) => parts.slice(0, i + 1).join('.'));
    if (ancestors.some(addedHere)) status = 'added';
    return { path, depth, field, status, notes: own.map(c => c.description) };
  });
  for (const change of changes.filter(c => c.kind === 'field-removed')) {
    const parent = change.path.includes('.')
      ? change.path.slice(0, change.path.lastIndexOf('.'))
      : '';
    let at = rows.length;
    if (parent) {
      rows.forEach((row, i) => {
        if (row.path === parent || row.path.startsWith(`${parent}.`))
          at = i + 1;
      });
    }
    rows.splice(at, 0, {
      path: change.path,
      depth: change.path.split('.').length,
      field: change.before!,
      status: 'removed',
      notes: [change.description],
    });
  }
  return rows;
}
