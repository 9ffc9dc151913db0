import type { QualityCheck } from '../kinds/entities';
import { qualityCheckName } from './checkNames';
import { columnReader } from './columnReader';
import { scopeCustomSql } from './customSql';
import { partitionScope } from './partitionScope';
import { bindingValue, distinctCountsApart } from './sqlDialects';
import type {
  CompiledMetric,
  CompiledQualityQuery,
  PartitionRange,
  QualityDialect,
  QualityTarget,
} from './types';

type MetricSpec = CompiledMetric extends infer M
  ? M extends CompiledMetric
    ? Omit<M, 'alias'>
    : never
  : never;

/** The select list being built: each metric once, under `m0`, `m1`, ... */
class SelectList {
  readonly metrics: CompiledMetric[] = [];
  readonly expressions: string[] = [];
  readonly bindings: unknown[] = [];
  private readonly seen = new Set<string>();

  add(metric: MetricSpec, expression: string, bindings: unknown[] = []) {
    const key = JSON.stringify(metric);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const alias = `m${this.metrics.length}`;
    this.metrics.push({ ...metric, alias } as CompiledMetric);
    this.expressions.push(`${expression} AS ${alias}`);
    this.bindings.push(...bindings);
  }
}

/**
 * One query that scans a partition once and measures everything the
 * checks need: the row count; per column the non-null count (null_rate,
 * uniqueness), the distinct count (uniqueness: duplicates are non-null
 * count minus distinct count, exactly), min and max (range; freshness of
 * an unpartitioned table); per accepted_values check the non-null values
 * outside its list; per custom_sql check the rows its query returns.
 *
 * The table is shadowed by a CTE of its catalog name holding only the
 * partition (see {@link partitionScope}), and custom SQL's references to
 * the table point at it, so custom checks too read the partition only.
 * Values (partition bounds, accepted values) are `?` bindings in the order
 * they appear; identifiers are quoted per dialect. Uniqueness of a
 * composite key, and on PostgreSQL of any key, is left to
 * {@link compileDuplicateKeys}; checks that need
 * no scan (volume_anomaly, schema_match, and freshness and volume beyond
 * the row count) add nothing. Read the row with `readScanRow`.
 */
export function compilePartitionChecks(
  target: QualityTarget,
  checks: QualityCheck[],
  partition: PartitionRange | undefined,
  dialect: QualityDialect,
): CompiledQualityQuery {
  const scope = partitionScope(target, partition, dialect);
  const read = columnReader(target, dialect);
  const list = new SelectList();
  const skipped: CompiledQualityQuery['skipped'] = [];
  list.add({ kind: 'row_count' }, 'COUNT(*)');

  checks.forEach((check, index) => {
    const name = qualityCheckName(check);
    const columnSql = (path: string | undefined) => {
      const reading = path ? read(path) : { problem: 'names no column' };
      if ('problem' in reading)
        skipped.push({ check: name, reason: reading.problem });
      return 'sql' in reading ? reading.sql : undefined;
    };
    switch (check.type) {
      case 'null_rate': {
        const sql = columnSql(check.column);
        if (sql)
          list.add(
            { kind: 'non_null_count', column: check.column! },
            `COUNT(${sql})`,
          );
        break;
      }
      case 'uniqueness': {
        // A composite key is counted by compileDuplicateKeys.
        if (check.columns) {
          check.columns.forEach(columnSql);
          break;
        }
        const sql = columnSql(check.column);
        // And on PostgreSQL a single column's too.
        if (!sql || distinctCountsApart(dialect)) break;
        list.add(
          { kind: 'non_null_count', column: check.column! },
          `COUNT(${sql})`,
        );
        list.add(
          { kind: 'distinct_count', column: check.column! },
          `COUNT(DISTINCT ${sql})`,
        );
        break;
      }
      case 'range': {
        const sql = columnSql(check.column);
        if (!sql) break;
        list.add({ kind: 'min', column: check.column! }, `MIN(${sql})`);
        list.add({ kind: 'max', column: check.column! }, `MAX(${sql})`);
        break;
      }
      case 'freshness': {
        // Partitioned: the partition's rows and landing time say it all.
        if (partition || !check.column) break;
        const sql = columnSql(check.column);
        if (sql) list.add({ kind: 'max', column: check.column }, `MAX(${sql})`);
        break;
      }
      case 'accepted_values': {
        const sql = columnSql(check.column);
        const values = check.values ?? [];
        if (!sql || values.length === 0) break;
        list.add(
          { kind: 'outside_accepted', check: name, column: check.column! },
          `COUNT(CASE WHEN ${sql} IS NOT NULL AND ${sql} NOT IN (${values
            .map(() => '?')
            .join(', ')}) THEN 1 END)`,
          values.map(v => bindingValue(dialect, v)),
        );
        break;
      }
      case 'custom_sql': {
        const scoped = scopeCustomSql(
          check.sql ?? '',
          target.address,
          scope.name,
        );
        if ('problem' in scoped) {
          skipped.push({ check: name, reason: `custom SQL ${scoped.problem}` });
          break;
        }
        list.add(
          { kind: 'failing_rows', check: name },
          `(SELECT COUNT(*) FROM (${scoped.sql}) AS failing_${index})`,
        );
        break;
      }
      default:
        break;
    }
  });

  return {
    sql: `${scope.cte}\nSELECT\n  ${list.expressions.join(',\n  ')}\nFROM ${
      scope.name
    }`,
    bindings: [...scope.bindings, ...list.bindings],
    metrics: list.metrics,
    skipped,
  };
}
