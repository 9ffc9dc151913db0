import type { QualityCheck } from '../kinds/entities';
import { qualityCheckName } from './checkNames';
import { columnReader } from './columnReader';
import { partitionScope } from './partitionScope';
import type {
  CompiledMetric,
  CompiledQualityQuery,
  PartitionRange,
  QualityDialect,
  QualityTarget,
} from './types';

/**
 * The one more query exact uniqueness of composite keys needs (a single
 * column's is in the scan): per uniqueness check with `columns`, the rows
 * that repeat a key among rows whose key columns are all set (as a unique
 * constraint compares them), from a GROUP BY over the same partition CTE.
 * Undefined when no check has a composite key it can read.
 */
export function compileDuplicateKeys(
  target: QualityTarget,
  checks: QualityCheck[],
  partition: PartitionRange | undefined,
  dialect: QualityDialect,
): CompiledQualityQuery | undefined {
  const composite = checks.filter(
    c => c.type === 'uniqueness' && c.columns && c.columns.length > 0,
  );
  if (composite.length === 0) return undefined;
  const scope = partitionScope(target, partition, dialect);
  const read = columnReader(target, dialect);
  const metrics: CompiledMetric[] = [];
  const expressions: string[] = [];
  for (const check of composite) {
    const readings = check.columns!.map(read);
    // compilePartitionChecks reports the paths it cannot read.
    if (readings.some(r => 'problem' in r)) continue;
    const keys = readings.map(r => (r as { sql: string }).sql);
    const alias = `m${metrics.length}`;
    metrics.push({
      alias,
      kind: 'duplicate_rows',
      check: qualityCheckName(check),
    });
    expressions.push(
      `(SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM ${
        scope.name
      } WHERE ${keys
        .map(k => `${k} IS NOT NULL`)
        .join(' AND ')} GROUP BY ${keys.join(
        ', ',
      )} HAVING COUNT(*) > 1) AS repeated_${alias}) AS ${alias}`,
    );
  }
  if (metrics.length === 0) return undefined;
  return {
    sql: `${scope.cte}\nSELECT\n  ${expressions.join(',\n  ')}`,
    bindings: scope.bindings,
    metrics,
    skipped: [],
  };
}
