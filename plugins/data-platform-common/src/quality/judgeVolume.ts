import type { QualityCheck } from '../kinds/entities';
import { volumeBand } from './volumeBand';
import { count } from './wording';
import type {
  EvaluationContext,
  PartitionMetrics,
  CheckVerdict,
} from './types';

const notMeasured: CheckVerdict = {
  status: 'not_run',
  metric: 'row_count',
  message: 'the row count was not measured',
};

/** volume: at least `minRows` rows. */
export function judgeVolume(
  check: QualityCheck,
  metrics: PartitionMetrics,
): CheckVerdict {
  const rows = metrics.rowCount;
  if (rows === undefined) return notMeasured;
  const min = check.minRows ?? 0;
  return {
    status: rows >= min ? 'pass' : 'fail',
    metric: 'row_count',
    expected: `at least ${count(min)}`,
    actual: rows,
    message:
      rows >= min
        ? `${count(rows)} rows (at least ${count(min)})`
        : `${count(rows)} rows < ${count(min)} expected`,
  };
}

/** volume_anomaly: the row count within the band learned for the partition's hour of the week. */
export function judgeVolumeAnomaly(
  check: QualityCheck,
  metrics: PartitionMetrics,
  context: EvaluationContext,
): CheckVerdict {
  const rows = metrics.rowCount;
  if (!context.partition) {
    return {
      status: 'not_run',
      metric: 'row_count',
      message: 'learns per partition, and the table is not partitioned',
    };
  }
  if (rows === undefined) return notMeasured;
  const band = volumeBand(
    context.volumeHistory ?? [],
    context.partition.start,
    {
      weeks: check.weeks,
      sensitivity: check.sensitivity,
      markedNormal: context.markedNormal,
    },
  );
  if (band.status !== 'learned') {
    return {
      status: 'not_run',
      metric: 'row_count',
      actual: rows,
      message: band.reason,
    };
  }
  const [lower, upper] = [Math.ceil(band.lower), Math.floor(band.upper)];
  const expected = `${count(lower)} to ${count(upper)}`;
  const within = rows >= band.lower && rows <= band.upper;
  const change = Math.round(((rows - band.median) / band.median) * 100);
  return {
    status: within ? 'pass' : 'fail',
    metric: 'row_count',
    expected,
    actual: rows,
    message: within
      ? `${count(
          rows,
        )} rows, within the usual ${expected} for this hour of the week`
      : `${count(rows)} rows, ${
          rows < band.lower ? 'below' : 'above'
        } the usual ${expected} for this hour of the week (${
          change > 0 ? '+' : ''
        }${change}% from the median ${count(Math.round(band.median))})`,
  };
}
