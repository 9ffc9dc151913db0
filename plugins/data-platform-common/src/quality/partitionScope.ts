import { cteHeader, partitionBound, quoteIdentifier } from './sqlDialects';
import type { PartitionRange, QualityDialect, QualityTarget } from './types';

/** The CTE holding only the partition checked, named as the catalog's table. */
export type PartitionScope = {
  /** `WITH <name> AS (SELECT * FROM <physical> WHERE <partition filter>)` */
  cte: string;
  /** The CTE's quoted name: custom SQL's references to the table point here. */
  name: string;
  bindings: unknown[];
};

/**
 * Shadows the table by a CTE of the same name that holds only the
 * partition [start, end), so every read of the query, custom SQL included,
 * sees the partition and nothing else. Without a partition (an
 * unpartitioned table) the CTE holds the whole table.
 */
export function partitionScope(
  target: QualityTarget,
  partition: PartitionRange | undefined,
  dialect: QualityDialect,
): PartitionScope {
  const name = quoteIdentifier(dialect, target.address.table);
  const header = cteHeader(dialect, name);
  const select = `SELECT * FROM ${target.physicalTable}`;
  const partitioning = target.partitioning;
  if (!partition || !partitioning) {
    return { cte: `${header}${select})`, name, bindings: [] };
  }
  // BigQuery's pseudo-columns of arrival partitioning are read bare.
  const column =
    dialect === 'bigquery' &&
    /^_PARTITION(TIME|DATE)$/.test(partitioning.column)
      ? partitioning.column
      : quoteIdentifier(dialect, partitioning.column);
  const type = partitioning.columnType ?? 'TIMESTAMP';
  const start = partitionBound(dialect, type, partition.start);
  const end = partitionBound(dialect, type, partition.end);
  return {
    cte: `${header}${select} WHERE ${column} >= ${start.sql} AND ${column} < ${end.sql})`,
    name,
    bindings: [start.value, end.value],
  };
}
