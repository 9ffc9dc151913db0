import {
  checkedColumns,
  fieldMode,
  QualityCheck,
  qualityCheckName,
  QualityTarget,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityTable } from '@dataplatform/backstage-plugin-data-platform-node';

/** The pseudo-column of tables partitioned by arrival time. */
export const ARRIVAL_PARTITION_COLUMN = '_PARTITIONTIME';

type PartitionColumnType = 'TIMESTAMP' | 'DATE' | 'DATETIME';

const sameName = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** `` `project.dataset.table` ``; a name that could end the quoting is refused. */
export function quotedTableName(table: QualityTable): string {
  const { project, dataset, table: name } = table.address;
  const path = `${project}.${dataset}.${name}`;
  if (/[`\\\n\r]/.test(path)) {
    throw new Error(`"${path}" is not a BigQuery table name`);
  }
  return `\`${path}\``;
}

/** The type partition bounds are cast to: the column's (live, else declared). */
function partitionColumnType(
  column: string,
  declared: SchemaField[],
  live: SchemaField[] | undefined,
): PartitionColumnType {
  if (column === ARRIVAL_PARTITION_COLUMN) return 'TIMESTAMP';
  const type = (
    live?.find(f => sameName(f.name, column)) ??
    declared.find(f => sameName(f.name, column))
  )?.type;
  return type === 'DATE' || type === 'DATETIME' ? type : 'TIMESTAMP';
}

/**
 * An endpoint's table as the quality compiler addresses it on BigQuery:
 * quoted whole (so it never equals the catalog name the partition's CTE
 * takes), its partition column (`_PARTITIONTIME` when partitioned by
 * arrival) with the type its bounds are cast to. The live column's type
 * wins over the declared one: comparing a DATE column with a TIMESTAMP is
 * an error in BigQuery, and schema_match reports the difference.
 */
export function bigQueryTarget(
  table: QualityTable,
  live: SchemaField[] | undefined,
): QualityTarget {
  const { partitioning } = table;
  const column = partitioning?.field ?? ARRIVAL_PARTITION_COLUMN;
  return {
    physicalTable: quotedTableName(table),
    address: table.address,
    fields: table.fields,
    ...(partitioning && {
      partitioning: {
        column,
        columnType: partitionColumnType(column, table.fields, live),
        granularity: partitioning.granularity,
      },
    }),
  };
}

/** Why the live table cannot answer a column path per row, if it cannot. */
function pathProblem(path: string, fields: SchemaField[]): string | undefined {
  const segments = path.split('.');
  let level: SchemaField[] = fields;
  const seen: string[] = [];
  for (const segment of segments) {
    const field = level.find(f => sameName(f.name, segment));
    if (!field) {
      return seen.length
        ? `${seen.join('.')} has no field ${segment}`
        : `the table has no column ${segment}`;
    }
    seen.push(field.name);
    if (fieldMode(field) === 'REPEATED' && seen.length < segments.length) {
      return `${seen.join(
        '.',
      )} is REPEATED: a check reads one value per row, not ${path}`;
    }
    level = field.fields ?? [];
  }
  return undefined;
}

/**
 * The checks whose columns the live table has, and for the others why
 * not. BigQuery fails a whole query on one unknown column, so a column
 * dropped from the table fails its own checks while the others still run.
 * Without the live schema every check is tried.
 */
export function readableChecks(
  checks: QualityCheck[],
  live: SchemaField[] | undefined,
): { readable: QualityCheck[]; unreadable: Record<string, string> } {
  if (!live) return { readable: checks, unreadable: {} };
  const readable: QualityCheck[] = [];
  const unreadable: Record<string, string> = {};
  for (const check of checks) {
    const problem = checkedColumns(check)
      .map(path => pathProblem(path, live))
      .find(Boolean);
    if (problem) unreadable[qualityCheckName(check)] = problem;
    else readable.push(check);
  }
  return { readable, unreadable };
}
