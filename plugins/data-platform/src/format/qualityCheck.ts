import type { QualityCheck } from '@dataplatform/backstage-plugin-data-platform-common';
import { durationInWords } from './duration';

const CHECK_LABELS: Record<QualityCheck['type'], string> = {
  freshness: 'Freshness',
  volume: 'Volume',
  volume_anomaly: 'Volume anomaly',
  null_rate: 'Null rate',
  uniqueness: 'Uniqueness',
  accepted_values: 'Accepted values',
  range: 'Range',
  schema_match: 'Schema match',
  custom_sql: 'Custom SQL',
};

/** "Null rate" for `null_rate`. */
export function qualityCheckLabel(type: string): string {
  return CHECK_LABELS[type as QualityCheck['type']] ?? type;
}

function percent(rate: number): string {
  return `${Math.round(rate * 10000) / 100}%`;
}

/** What a declared check demands, in words: "at most 0.5% nulls in user_id". */
export function qualityCheckRule(check: QualityCheck): string {
  const column = check.column ? ` in ${check.column}` : '';
  switch (check.type) {
    case 'freshness':
      return check.maxDelay
        ? `lands within ${durationInWords(
            check.maxDelay,
          )} of the partition period's end`
        : 'lands on time';
    case 'volume':
      return check.minRows !== undefined
        ? `at least ${check.minRows.toLocaleString('en-US')} rows per partition`
        : 'partitions are not empty';
    case 'null_rate':
      return check.maxNullRate !== undefined
        ? `at most ${percent(check.maxNullRate)} nulls${column}`
        : `no nulls${column}`;
    case 'volume_anomaly':
      return `row count within the band learned from the same hour of the week over ${
        check.weeks ?? 4
      } weeks`;
    case 'uniqueness':
      if (check.columns) return `${check.columns.join(' + ')} is unique`;
      return check.column ? `${check.column} is unique` : 'rows are unique';
    case 'accepted_values':
      return `${check.column} is one of ${(check.values ?? [])
        .map(v => String(v))
        .join(', ')}`;
    case 'range':
      if (check.min !== undefined && check.max !== undefined) {
        return `${check.column} between ${check.min} and ${check.max}`;
      }
      return check.min !== undefined
        ? `${check.column} at least ${check.min}`
        : `${check.column} at most ${check.max}`;
    case 'schema_match':
      return 'data matches the declared schema';
    case 'custom_sql':
      return 'the query returns no rows';
    default:
      return '';
  }
}
