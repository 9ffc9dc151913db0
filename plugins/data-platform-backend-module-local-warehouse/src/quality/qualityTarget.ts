import {
  checkedColumns,
  QualityCheck,
  qualityCheckName,
  QualityTarget,
  TableAddress,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { ARRIVAL_PARTITION_COLUMN } from '../warehouse/columns';
import type { WarehouseDialect } from '../warehouse/dialects';
import { partitionColumnOf } from '../warehouse/tableDdl';
import type { WarehouseTable } from '../warehouse/types';
import { resolveColumnPath } from './columnPaths';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sameName = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** The type of a partition column as partition bounds are cast to it. */
function partitionColumnType(
  table: WarehouseTable,
  column: string,
): 'TIMESTAMP' | 'DATE' | 'DATETIME' {
  if (column === ARRIVAL_PARTITION_COLUMN) return 'TIMESTAMP';
  const type = table.fields.find(f => sameName(f.name, column))?.type;
  return type === 'DATE' || type === 'DATETIME' ? type : 'TIMESTAMP';
}

/**
 * A warehouse table as the quality compiler addresses it: its SQL table
 * (bare: the physical name ends in a hash, so it never equals the catalog
 * name the partition's CTE takes), its partition column (`_PARTITIONTIME`
 * when partitioned by arrival; an error when the column is gone) and the
 * SQL reading each column path:
 * a column as the table names it, a RECORD's field from its JSON column
 * as a value of the field's type.
 */
export function qualityTargetOf(
  dialect: WarehouseDialect,
  table: WarehouseTable,
  address: TableAddress,
  columns: string[],
): QualityTarget {
  const declared = partitionColumnOf(table);
  const partitionColumn = declared && columns.find(c => sameName(c, declared));
  if (declared && !partitionColumn) {
    // Without it no query can be limited to a partition.
    throw new Error(
      `${table.project}.${table.dataset}.${table.table} has no partition column ${declared} in the local warehouse`,
    );
  }
  return {
    physicalTable: quote(table.physicalName),
    address,
    ...(table.timePartitioning &&
      partitionColumn && {
        partitioning: {
          column: partitionColumn,
          columnType: partitionColumnType(table, partitionColumn),
          granularity: table.timePartitioning.granularity,
        },
      }),
    fields: table.fields,
    columnExpression: path => {
      const found = resolveColumnPath(path, columns, table.fields);
      // Checks whose paths do not resolve are left out (see readableChecks).
      if ('problem' in found) return quote(path);
      const sql = quote(found.column);
      return found.nested.length === 0
        ? sql
        : dialect.jsonValue(sql, found.nested, found.field?.type);
    },
  };
}

/**
 * The checks whose columns the table has, and for the others why not:
 * a column dropped by hand, or one the declaration misnames, fails its
 * check with the reason while the other checks still run.
 */
export function readableChecks(
  checks: QualityCheck[],
  table: WarehouseTable,
  columns: string[],
): { readable: QualityCheck[]; unreadable: Record<string, string> } {
  const readable: QualityCheck[] = [];
  const unreadable: Record<string, string> = {};
  for (const check of checks) {
    const problem = checkedColumns(check)
      .map(path => resolveColumnPath(path, columns, table.fields))
      .find((r): r is { problem: string } => 'problem' in r);
    if (problem) unreadable[qualityCheckName(check)] = problem.problem;
    else readable.push(check);
  }
  return { readable, unreadable };
}
