import type { QualityCheck } from '../kinds/entities';
import { duration, isoDurationMs } from './wording';
import type {
  EvaluationContext,
  PartitionMetrics,
  CheckVerdict,
} from './types';

/**
 * Freshness of a partition: it landed within `maxDelay` after its period
 * ended. When it landed comes from partition metadata (last modified), else
 * from the runner (the run that wrote it). A partition with rows but no
 * known landing time is on time while its deadline has not passed; after
 * that it cannot be judged. Without rows it has not landed: late once the
 * deadline passed, not yet due before.
 *
 * Freshness of an unpartitioned table: its newest data (last modified, or
 * the newest value of the check's column) is at most `maxDelay` old.
 */
export function judgeFreshness(
  check: QualityCheck,
  metrics: PartitionMetrics,
  context: EvaluationContext,
): CheckVerdict {
  const allowed = isoDurationMs(check.maxDelay ?? 'PT0S');
  const expected = `within ${duration(allowed)}`;
  const now = Date.parse(context.evaluatedAt);
  if (!context.partition) {
    const newest =
      metrics.lastModified ??
      (check.column ? metrics.columns[check.column]?.max : undefined);
    if (newest === undefined) {
      return {
        status: 'not_run',
        metric: 'age',
        expected,
        message: `no time to measure freshness by: the table has no partition metadata${
          check.column
            ? ` and ${check.column} has no values`
            : ', and the check names no column'
        }`,
      };
    }
    const age = now - Date.parse(String(newest));
    return {
      status: age <= allowed ? 'pass' : 'fail',
      metric: 'age',
      expected,
      actual: String(newest),
      message: `newest data is ${duration(age)} old (allowed ${duration(
        allowed,
      )})`,
    };
  }
  const periodEnd = Date.parse(context.partition.end);
  const deadline = periodEnd + allowed;
  const landedAt = metrics.lastModified ?? context.landedAt;
  const hasRows = (metrics.rowCount ?? 0) > 0;
  if (landedAt && hasRows) {
    const delay = Date.parse(landedAt) - periodEnd;
    const late = Date.parse(landedAt) > deadline;
    return {
      status: late ? 'fail' : 'pass',
      metric: 'landing_delay',
      expected,
      actual: landedAt,
      message: late
        ? `landed ${duration(delay)} after the period ended, ${duration(
            delay - allowed,
          )} past the allowed ${duration(allowed)}`
        : `landed ${duration(
            Math.max(0, delay),
          )} after the period ended (allowed ${duration(allowed)})`,
    };
  }
  if (hasRows) {
    return now <= deadline
      ? {
          status: 'pass',
          metric: 'landing_delay',
          expected,
          message: `present ${duration(
            Math.max(0, now - periodEnd),
          )} after the period ended (allowed ${duration(allowed)})`,
        }
      : {
          status: 'not_run',
          metric: 'landing_delay',
          expected,
          message:
            'present, but when it landed is unknown (no partition metadata or run)',
        };
  }
  return now > deadline
    ? {
        status: 'fail',
        metric: 'landing_delay',
        expected,
        message: `has not landed, ${duration(
          now - deadline,
        )} past its deadline (${duration(allowed)} after the period ended)`,
      }
    : {
        status: 'not_run',
        metric: 'landing_delay',
        expected,
        message: `not landed yet; due within ${duration(deadline - now)}`,
      };
}
