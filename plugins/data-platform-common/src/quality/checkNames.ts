import type {
  QualityCheck,
  QualityCheckType,
  QualitySeverity,
} from '../kinds/entities';

/** The severity of a check that declares none. */
export const DEFAULT_QUALITY_SEVERITY: QualitySeverity = 'warning';

/** A check's severity with its default applied. */
export function qualityCheckSeverity(check: QualityCheck): QualitySeverity {
  return check.severity ?? DEFAULT_QUALITY_SEVERITY;
}

/**
 * A check's stable name: its own, else its type and column(s), e.g.
 * `null_rate:country`, `uniqueness:play_id+country`, `schema_match`. Results
 * and their history are kept under it, so renaming a check starts a new one.
 */
export function qualityCheckName(check: QualityCheck): string {
  if (check.name) return check.name;
  if (check.columns?.length) return `${check.type}:${check.columns.join('+')}`;
  if (check.column) return `${check.type}:${check.column}`;
  return check.type;
}

/** Check types that look at one column (or, for uniqueness, a key of several). */
export const COLUMN_CHECK_TYPES: readonly QualityCheckType[] = [
  'null_rate',
  'uniqueness',
  'accepted_values',
  'range',
];

/** Check types only a scan of the table's rows answers. */
export const SCAN_CHECK_TYPES: readonly QualityCheckType[] = [
  ...COLUMN_CHECK_TYPES,
  'custom_sql',
];

/** Check types partition metadata (row count, last modified) answers. */
export const METADATA_CHECK_TYPES: readonly QualityCheckType[] = [
  'freshness',
  'volume',
  'volume_anomaly',
];

/** The columns a check looks at: its `columns`, else its `column`. */
export function checkedColumns(check: QualityCheck): string[] {
  if (check.columns?.length) return check.columns;
  return check.column ? [check.column] : [];
}
