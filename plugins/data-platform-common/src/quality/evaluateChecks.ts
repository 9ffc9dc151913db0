import type { QualityCheck } from '../kinds/entities';
import {
  METADATA_CHECK_TYPES,
  qualityCheckName,
  qualityCheckSeverity,
} from './checkNames';
import { judgeFreshness } from './judgeFreshness';
import {
  judgeAcceptedValues,
  judgeCustomSql,
  judgeNullRate,
  judgeRange,
  judgeUniqueness,
} from './judgeRows';
import { judgeSchemaMatch } from './judgeSchemaMatch';
import { judgeVolume, judgeVolumeAnomaly } from './judgeVolume';
import { emptyPartitionMetrics } from './readScanRow';
import type {
  EvaluationContext,
  PartitionMetrics,
  QualityCheckResult,
} from './types';

function judge(
  check: QualityCheck,
  metrics: PartitionMetrics,
  context: EvaluationContext,
) {
  switch (check.type) {
    case 'freshness':
      return judgeFreshness(check, metrics, context);
    case 'volume':
      return judgeVolume(check, metrics);
    case 'volume_anomaly':
      return judgeVolumeAnomaly(check, metrics, context);
    case 'null_rate':
      return judgeNullRate(check, metrics);
    case 'uniqueness':
      return judgeUniqueness(check, metrics);
    case 'accepted_values':
      return judgeAcceptedValues(check, metrics);
    case 'range':
      return judgeRange(check, metrics);
    case 'schema_match':
      return judgeSchemaMatch(context);
    case 'custom_sql':
      return judgeCustomSql(check, metrics);
    default:
      return {
        status: 'error' as const,
        metric: 'unknown',
        message: `unknown check type ${(check as QualityCheck).type}`,
      };
  }
}

/**
 * Judges each check on what was measured of a partition (a scan, partition
 * metadata, or both merged), in the order declared: pass or fail with the
 * metric, what was expected and what was found, in words a person reads;
 * `error` when its measurement failed (the reason from the runner or the
 * compiler); `not_run` when there is nothing to judge yet (an empty
 * partition, too little volume history, a deadline still ahead), with why.
 */
export function evaluateChecks(
  checks: QualityCheck[],
  metrics: PartitionMetrics,
  context: EvaluationContext,
): QualityCheckResult[] {
  return checks.map(check => {
    const name = qualityCheckName(check);
    const base = {
      name,
      type: check.type,
      ...(check.column ? { column: check.column } : {}),
      severity: qualityCheckSeverity(check),
    };
    const error = metrics.errors[name];
    if (error) {
      return { ...base, status: 'error', metric: check.type, message: error };
    }
    return { ...base, ...judge(check, metrics, context) };
  });
}

/** What partition metadata says of a partition (BigQuery's INFORMATION_SCHEMA.PARTITIONS). */
export type PartitionMetadata = {
  /** Rows in the partition (0 or absent metadata: it has not landed). */
  rows: number;
  /** When it was last written, ISO 8601. */
  lastModified?: string;
};

/**
 * Judges the checks partition metadata answers without a scan (freshness,
 * volume, volume_anomaly), for runners whose warehouse keeps it; the rest
 * are left out of the result for the scan to judge.
 */
export function evaluateFromPartitionMetadata(
  checks: QualityCheck[],
  metadata: PartitionMetadata,
  context: EvaluationContext,
): QualityCheckResult[] {
  const metrics: PartitionMetrics = {
    ...emptyPartitionMetrics(),
    rowCount: metadata.rows,
    ...(metadata.lastModified ? { lastModified: metadata.lastModified } : {}),
  };
  return evaluateChecks(
    checks.filter(c => METADATA_CHECK_TYPES.includes(c.type)),
    metrics,
    context,
  );
}
