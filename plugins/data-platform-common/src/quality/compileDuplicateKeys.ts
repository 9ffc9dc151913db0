import type { QualityCheck } from '../kinds/entities';
import { qualityCheckName } from './checkNames';
import { columnReader } from './columnReader';
import { partitionScope } from './partitionScope';
import { distinctCountsApart } from './sqlDialects';
import type {
  CompiledMetric,
  CompiledQualityQuery,
  PartitionRange,
  QualityDialect,
  QualityTarget,
} from './types';

/**
 * The one more query exact uniqueness needs, over the same partition CTE:
 * per uniqueness check with `columns`, the rows that repeat a key among
 * rows whose key columns are all set (as a unique constraint compares
 * them), from a GROUP BY; on PostgreSQL (see {@link distinctCountsApart})
 * also each single key column's non-null and distinct counts, which
 * elsewhere the scan measures. Undefined when no check needs it.
 */
export function compileDuplicateKeys(
  target: QualityTarget,
  checks: QualityCheck[],
  partition: PartitionRange | undefined,
  dialect: QualityDialect,
): CompiledQualityQuery | undefined {
  const scope = partitionScope(target, partition, dialect);
  const read = columnReader(target, dialect);
  const metrics: CompiledMetric[] = [];
  const expressions: string[] = [];
  const seen = new Set<string>();
  const add = (metric: CompiledMetric, expression: string) => {
    metrics.push(metric);
    expressions.push(`${expression} AS ${metric.alias}`);
  };
  let readsRows = false;
  for (const check of checks) {
    if (check.type !== 'uniqueness') continue;
    if (!check.columns || check.columns.length === 0) {
      if (!check.column || !distinctCountsApart(dialect)) continue;
      const reading = read(check.column);
      // compilePartitionChecks reports the paths it cannot read.
      if ('problem' in reading || seen.has(check.column)) continue;
      seen.add(check.column);
      readsRows = true;
      const column = check.column;
      add(
        { alias: `m${metrics.length}`, kind: 'non_null_count', column },
        `COUNT(${reading.sql})`,
      );
      add(
        { alias: `m${metrics.length}`, kind: 'distinct_count', column },
        `COUNT(DISTINCT ${reading.sql})`,
      );
      continue;
    }
    const readings = check.columns.map(read);
    if (readings.some(r => 'problem' in r)) continue;
    const keys = readings.map(r => (r as { sql: string }).sql);
    const alias = `m${metrics.length}`;
    add(
      { alias, kind: 'duplicate_rows', check: qualityCheckName(check) },
      `(SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM ${
        scope.name
      } WHERE ${keys
        .map(k => `${k} IS NOT NULL`)
        .join(' AND ')} GROUP BY ${keys.join(
        ', ',
      )} HAVING COUNT(*) > 1) AS repeated_${alias})`,
    );
  }
  if (metrics.length === 0) return undefined;
  return {
    sql: `${scope.cte}\nSELECT\n  ${expressions.join(',\n  ')}${
      readsRows ? `\nFROM ${scope.name}` : ''
    }`,
    bindings: scope.bindings,
    metrics,
    skipped: [],
  };
}
