import type { QualityCheck } from '@dataplatform/backstage-plugin-data-platform-common';
import { durationInWords } from './duration';

const CHECK_LABELS: Record<QualityCheck['type'], string> = {
  freshness: 'Freshness',
  volume: 'Volume',
  null_rate: 'Null rate',
  uniqueness: 'Uniqueness',
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
    case 'uniqueness':
      return check.column ? `${check.column} is unique` : 'rows are unique';
    case 'schema_match':
      return 'data matches the declared schema';
    case 'custom_sql':
      return 'the query returns no rows';
    default:
      return '';
  }
}
