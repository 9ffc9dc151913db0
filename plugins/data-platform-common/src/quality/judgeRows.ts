import type { QualityCheck } from '../kinds/entities';
import { qualityCheckName } from './checkNames';
import { compareValues } from './compareValues';
import { bound, count, percent } from './wording';
import type { CheckVerdict, PartitionMetrics } from './types';

function notMeasured(metric: string): CheckVerdict {
  return {
    status: 'not_run',
    metric,
    message: `${metric.replace(/_/g, ' ')} was not measured`,
  };
}

function emptyPartition(metric: string): CheckVerdict {
  return { status: 'not_run', metric, message: 'the partition has no rows' };
}

/** null_rate: nulls / rows at most maxNullRate (default none). */
export function judgeNullRate(
  check: QualityCheck,
  metrics: PartitionMetrics,
): CheckVerdict {
  const column = check.column!;
  const rows = metrics.rowCount;
  const nonNull = metrics.columns[column]?.nonNullCount;
  if (rows === undefined || nonNull === undefined)
    return notMeasured('null_rate');
  if (rows === 0) return emptyPartition('null_rate');
  const nulls = rows - nonNull;
  const rate = nulls / rows;
  const max = check.maxNullRate ?? 0;
  const ok = rate <= max;
  return {
    status: ok ? 'pass' : 'fail',
    metric: 'null_rate',
    expected: `at most ${percent(max)}`,
    actual: rate,
    message: `null rate of ${column} ${percent(rate)} ${
      ok ? '≤' : '>'
    } ${percent(max)} (${count(nulls)} of ${count(rows)} rows)`,
  };
}

/** uniqueness: no non-null value (or complete composite key) twice. */
export function judgeUniqueness(
  check: QualityCheck,
  metrics: PartitionMetrics,
): CheckVerdict {
  let duplicates: number | undefined;
  let key: string;
  if (check.columns) {
    key = check.columns.join(' + ');
    duplicates = metrics.checks[qualityCheckName(check)]?.duplicateRows;
  } else {
    key = check.column!;
    const column = metrics.columns[key];
    if (
      column?.nonNullCount !== undefined &&
      column.distinctCount !== undefined
    ) {
      duplicates = column.nonNullCount - column.distinctCount;
    }
  }
  if (duplicates === undefined) return notMeasured('duplicate_rows');
  return {
    status: duplicates === 0 ? 'pass' : 'fail',
    metric: 'duplicate_rows',
    expected: '0',
    actual: duplicates,
    message:
      duplicates === 0
        ? `${key} is unique`
        : `${count(duplicates)} row${
            duplicates === 1 ? ' repeats' : 's repeat'
          } a ${key} of an earlier row`,
  };
}

/** accepted_values: no non-null value outside the list. */
export function judgeAcceptedValues(
  check: QualityCheck,
  metrics: PartitionMetrics,
): CheckVerdict {
  const outside = metrics.checks[qualityCheckName(check)]?.outsideAccepted;
  if (outside === undefined) return notMeasured('rows_outside_accepted_values');
  const values = (check.values ?? []).map(String).join(', ');
  const rows = metrics.rowCount;
  const share = rows ? ` (${percent(outside / rows)})` : '';
  return {
    status: outside === 0 ? 'pass' : 'fail',
    metric: 'rows_outside_accepted_values',
    expected: `one of ${values}`,
    actual: outside,
    message:
      outside === 0
        ? `every ${check.column} is one of ${values}`
        : `${count(outside)} row${outside === 1 ? '' : 's'}${share} with ${
            check.column
          } not one of ${values}`,
  };
}

/** range: the column's min and max within [min, max]. */
export function judgeRange(
  check: QualityCheck,
  metrics: PartitionMetrics,
): CheckVerdict {
  const column = check.column!;
  const measured = metrics.columns[column];
  const expected =
    check.min !== undefined && check.max !== undefined
      ? `${bound(check.min)} to ${bound(check.max)}`
      : `${check.min !== undefined ? 'at least' : 'at most'} ${bound(
          (check.min ?? check.max)!,
        )}`;
  if (!measured || !('min' in measured)) return notMeasured('range');
  const { min, max } = measured;
  if (min === undefined || max === undefined) {
    return {
      status: 'not_run',
      metric: 'range',
      expected,
      message: `${column} has no values`,
    };
  }
  const problems: string[] = [];
  if (check.min !== undefined && compareValues(min, check.min) < 0) {
    problems.push(`min of ${column} ${bound(min)} < ${bound(check.min)}`);
  }
  if (check.max !== undefined && compareValues(max, check.max) > 0) {
    problems.push(`max of ${column} ${bound(max)} > ${bound(check.max)}`);
  }
  return {
    status: problems.length ? 'fail' : 'pass',
    metric: 'range',
    expected,
    actual: `${bound(min)} to ${bound(max)}`,
    message: problems.length
      ? problems.join('; ')
      : `${column} ranges ${bound(min)} to ${bound(max)}, within ${expected}`,
  };
}

/** custom_sql: the query returns no rows. */
export function judgeCustomSql(
  check: QualityCheck,
  metrics: PartitionMetrics,
): CheckVerdict {
  const failing = metrics.checks[qualityCheckName(check)]?.failingRows;
  if (failing === undefined) return notMeasured('failing_rows');
  return {
    status: failing === 0 ? 'pass' : 'fail',
    metric: 'failing_rows',
    expected: '0',
    actual: failing,
    message:
      failing === 0
        ? 'the query returned no rows'
        : `the query returned ${count(failing)} failing row${
            failing === 1 ? '' : 's'
          }`,
  };
}
