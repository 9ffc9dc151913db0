import type {
  ColumnMetrics,
  CompiledMetric,
  CompiledQualityQuery,
  PartitionMetrics,
} from './types';

/** Metrics with nothing measured yet. */
export function emptyPartitionMetrics(): PartitionMetrics {
  return { columns: {}, checks: {}, errors: {} };
}

/** A count as drivers return it: a number, a bigint, or a string (PostgreSQL's bigint). */
function count(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A MIN or MAX as a number or an ISO string: drivers hand back Dates,
 * bigints, numeric strings (PostgreSQL's numeric) and wrappers with a
 * `value` (the BigQuery client's timestamps and dates).
 */
function extreme(value: unknown): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && 'value' in (value as object)) {
    return extreme((value as { value: unknown }).value);
  }
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)
    ? Number(text)
    : text;
}

function column(metrics: PartitionMetrics, path: string): ColumnMetrics {
  metrics.columns[path] ??= {};
  return metrics.columns[path];
}

function check(metrics: PartitionMetrics, name: string) {
  metrics.checks[name] ??= {};
  return metrics.checks[name];
}

function record(
  metrics: PartitionMetrics,
  metric: CompiledMetric,
  value: unknown,
) {
  switch (metric.kind) {
    case 'row_count':
      metrics.rowCount = count(value);
      break;
    case 'non_null_count':
      column(metrics, metric.column).nonNullCount = count(value);
      break;
    case 'distinct_count':
      column(metrics, metric.column).distinctCount = count(value);
      break;
    case 'min':
      column(metrics, metric.column).min = extreme(value);
      break;
    case 'max':
      column(metrics, metric.column).max = extreme(value);
      break;
    case 'outside_accepted':
      check(metrics, metric.check).outsideAccepted = count(value);
      break;
    case 'failing_rows':
      check(metrics, metric.check).failingRows = count(value);
      break;
    case 'duplicate_rows':
      check(metrics, metric.check).duplicateRows = count(value);
      break;
    default:
      break;
  }
}

/**
 * Reads the one row a compiled query returned into partition metrics
 * (added to `into`, so the scan's and the duplicate keys' rows make one
 * whole). Checks the query skipped are recorded as errors.
 */
export function readScanRow(
  query: CompiledQualityQuery,
  row: Record<string, unknown>,
  into: PartitionMetrics = emptyPartitionMetrics(),
): PartitionMetrics {
  for (const metric of query.metrics) {
    record(into, metric, row[metric.alias]);
  }
  for (const { check: name, reason } of query.skipped) {
    into.errors[name] = reason;
  }
  return into;
}
