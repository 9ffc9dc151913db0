import {
  ANNOTATION_SCHEMA_REVISED_AT,
  ANNOTATION_SCHEMA_REVISION_COMMENT,
  diffSchemas,
  EventTypeEntity,
  schemaRevisions,
  SchemaChange,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** One revision of an event type's schema, as the home page lists it. */
export type SchemaChangeSummary = {
  eventType: EventTypeEntity;
  revision: number;
  /** When it was written (ISO 8601). */
  revisedAt: string;
  comment?: string;
  /** `2 added, 1 removed` against the revision before it. */
  changes: string;
};

const CHANGE_WORDS: Record<SchemaChange['kind'], string> = {
  'field-added': 'added',
  'field-removed': 'removed',
  'field-renamed': 'renamed',
  'type-changed': 'type changed',
  'mode-changed': 'mode changed',
  'pii-changed': 'PII changed',
  'description-changed': 'description changed',
};

/** `2 added, 1 removed`; fields are counted at every depth. */
export function changesInWords(changes: SchemaChange[]): string {
  if (changes.length === 0) return 'no field changes';
  const counts = new Map<string, number>();
  for (const change of changes) {
    const word = CHANGE_WORDS[change.kind];
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].map(([word, n]) => `${n} ${word}`).join(', ');
}

/**
 * The event types' revisions after their first, newest first, at most
 * `limit`. A revision's date is its history entry's `createdAt`; the current
 * revision's is the entity's schema-revised-at annotation (the evolve
 * template writes it), else its history entry's. Revisions without
 * a date cannot be placed in time and are left out.
 */
export function recentSchemaChanges(
  eventTypes: EventTypeEntity[],
  limit: number,
): SchemaChangeSummary[] {
  const summaries: SchemaChangeSummary[] = [];
  for (const eventType of eventTypes) {
    const schema = eventType.spec?.schema;
    if (!schema?.fields) continue;
    const annotations = eventType.metadata.annotations ?? {};
    const revisions = schemaRevisions(schema);
    const currentEntry = schema.history?.find(
      r => r.revision === schema.revision,
    );
    revisions.forEach((revision, i) => {
      const current = revision.revision === schema.revision;
      const revisedAt = current
        ? annotations[ANNOTATION_SCHEMA_REVISED_AT] ?? currentEntry?.createdAt
        : revision.createdAt;
      if (i === 0 || !revisedAt || Number.isNaN(Date.parse(revisedAt))) {
        return;
      }
      summaries.push({
        eventType,
        revision: revision.revision,
        revisedAt,
        comment: current
          ? annotations[ANNOTATION_SCHEMA_REVISION_COMMENT] ??
            currentEntry?.comment
          : revision.comment,
        changes: changesInWords(
          diffSchemas(revisions[i - 1].fields, revision.fields),
        ),
      });
    });
  }
  return summaries
    .sort((a, b) => Date.parse(b.revisedAt) - Date.parse(a.revisedAt))
    .slice(0, limit);
}
