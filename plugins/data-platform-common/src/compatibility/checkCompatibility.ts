import type { CompatibilityMode, SchemaRevision } from '../kinds/entities';
import type { SchemaField } from '../schema/fields';
import { diffSchemas } from './diffSchemas';
import type {
  CompatibilityDirection,
  CompatibilityIssue,
  CompatibilityReport,
} from './types';

/** The compatibility mode of an event type whose YAML names none. */
export const DEFAULT_COMPATIBILITY_MODE: CompatibilityMode = 'BACKWARD';

/** Which halves of compatibility a mode checks. */
export function compatibilityDirections(
  mode: CompatibilityMode,
): CompatibilityDirection[] {
  if (mode.startsWith('BACKWARD')) return ['BACKWARD'];
  if (mode.startsWith('FORWARD')) return ['FORWARD'];
  if (mode.startsWith('FULL')) return ['BACKWARD', 'FORWARD'];
  return [];
}

/** True for the modes that check against every earlier revision, not only the latest. */
export function isTransitiveMode(mode: CompatibilityMode): boolean {
  return mode.endsWith('_TRANSITIVE');
}

/**
 * Checks a proposed schema against the earlier revisions of an event type,
 * following Confluent Schema Registry: BACKWARD, FORWARD and FULL compare
 * with the latest revision, their _TRANSITIVE forms with every earlier one,
 * NONE checks nothing (the changes are still listed).
 *
 * @param options.previous - earlier revisions, in any order; the one with
 *   the highest number is the latest.
 */
export function checkCompatibility(options: {
  mode?: CompatibilityMode;
  previous: SchemaRevision[];
  fields: SchemaField[];
}): CompatibilityReport {
  const mode = options.mode ?? DEFAULT_COMPATIBILITY_MODE;
  const previous = [...options.previous].sort(
    (a, b) => a.revision - b.revision,
  );
  const latest = previous[previous.length - 1];
  if (!latest) {
    return {
      mode,
      compatible: true,
      checkedAgainst: [],
      changes: [],
      issues: [],
    };
  }
  const transitive = isTransitiveMode(mode);
  const directions = compatibilityDirections(mode);
  const against = transitive ? previous : [latest];

  const issues: CompatibilityIssue[] = [];
  for (const revision of against) {
    const changes = diffSchemas(revision.fields, options.fields);
    for (const direction of directions) {
      for (const change of changes) {
        const ok = direction === 'BACKWARD' ? change.backward : change.forward;
        if (ok) continue;
        const withRevision = transitive
          ? ` with revision ${revision.revision}`
          : '';
        issues.push({
          path: change.path,
          direction,
          againstRevision: revision.revision,
          change,
          message: `${change.path}: ${change.description} is not ${direction} compatible${withRevision}`,
        });
      }
    }
  }
  return {
    mode,
    compatible: issues.length === 0,
    checkedAgainst: against.map(r => r.revision),
    changes: diffSchemas(latest.fields, options.fields),
    issues,
  };
}
