import type {
  PiiPolicyTags,
  PlannedChange,
  TableSpec,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { ColumnEdits, editSchema, TableFieldSchema } from './tableSchema';

const DAY_MS = 86_400_000;

/** The parts of a BigQuery Table resource the provisioner reads and patches. */
export type TableMetadata = {
  etag?: string;
  description?: string | null;
  schema?: { fields?: TableFieldSchema[] };
  timePartitioning?: {
    type?: string;
    field?: string;
    expirationMs?: string | null;
  } | null;
  clustering?: { fields?: string[] } | null;
  requirePartitionFilter?: boolean;
  labels?: Record<string, string>;
};

/** What one planned change comes to against the live table. */
export type ChangeOutcome = 'changes' | 'already-so' | string;

const COLUMN_ACTIONS = new Set([
  'add-column',
  'relax-mode',
  'set-description',
  'set-policy-tag',
]);

const isColumnChange = (c: PlannedChange) =>
  COLUMN_ACTIONS.has(c.action) && c.field.startsWith('columns.');

/**
 * One tables.patch body for all of a table's planned changes, built against
 * the live table (read just before, with its etag): only what differs goes
 * in, so an empty body means there is nothing to patch. Each change's
 * outcome is `changes`, `already-so`, or why it cannot be made.
 */
export function tablePatch(
  live: TableMetadata,
  desired: TableSpec,
  changes: PlannedChange[],
  policyTags: PiiPolicyTags,
): { body: TableMetadata; outcomes: Map<PlannedChange, ChangeOutcome> } {
  const body: TableMetadata = {};
  const outcomes = new Map<PlannedChange, ChangeOutcome>();

  const columnChanges = changes.filter(isColumnChange);
  if (columnChanges.length) {
    const edits: ColumnEdits = new Map();
    for (const change of columnChanges) {
      const path = change.field.slice('columns.'.length);
      const asked = edits.get(path) ?? new Set();
      asked.add(change.action as any);
      edits.set(path, asked);
    }
    const { fields, changed } = editSchema(
      live.schema?.fields ?? [],
      desired.fields,
      edits,
      policyTags,
    );
    if (changed.size) body.schema = { fields };
    for (const change of columnChanges) {
      const path = change.field.slice('columns.'.length);
      outcomes.set(change, changed.has(path) ? 'changes' : 'already-so');
    }
  }

  for (const change of changes) {
    if (isColumnChange(change)) continue;
    switch (change.action) {
      case 'set-clustering': {
        const wanted = desired.clustering;
        const same =
          JSON.stringify(live.clustering?.fields ?? []) ===
          JSON.stringify(wanted);
        if (!same) body.clustering = wanted.length ? { fields: wanted } : null;
        outcomes.set(change, same ? 'already-so' : 'changes');
        break;
      }
      case 'set-partition-expiration': {
        if (!live.timePartitioning) {
          outcomes.set(
            change,
            'partition expiration needs a partitioned table, and this one is not',
          );
          break;
        }
        const wanted = desired.partitionExpirationDays
          ? String(Math.round(desired.partitionExpirationDays * DAY_MS))
          : null;
        const same = (live.timePartitioning.expirationMs ?? null) === wanted;
        if (!same) {
          // The whole partitioning goes in: type and field unchanged.
          body.timePartitioning = {
            ...live.timePartitioning,
            expirationMs: wanted,
          };
        }
        outcomes.set(change, same ? 'already-so' : 'changes');
        break;
      }
      case 'set-partition-filter': {
        const same =
          (live.requirePartitionFilter ?? false) ===
          desired.requirePartitionFilter;
        if (!same) body.requirePartitionFilter = desired.requirePartitionFilter;
        outcomes.set(change, same ? 'already-so' : 'changes');
        break;
      }
      case 'set-description': {
        const same = (live.description ?? '') === (desired.description ?? '');
        if (!same) body.description = desired.description ?? null;
        outcomes.set(change, same ? 'already-so' : 'changes');
        break;
      }
      case 'set-labels': {
        const labels = { ...live.labels, ...desired.labels };
        const same = Object.entries(desired.labels).every(
          ([k, v]) => live.labels?.[k] === v,
        );
        // Labels set by others are sent back unchanged.
        if (!same) body.labels = labels;
        outcomes.set(change, same ? 'already-so' : 'changes');
        break;
      }
      case 'grant':
      case 'revoke':
        break; // IAM, not the table's metadata
      default:
        outcomes.set(change, `${change.action} is not a change of a table`);
    }
  }
  return { body, outcomes };
}
