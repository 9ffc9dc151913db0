import {
  fieldMode,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Knex } from 'knex';
import { addFieldColumn, ARRIVAL_PARTITION_COLUMN } from './columns';
import type { WarehouseDialect } from './dialects';
import { columnIndexName } from './physicalNames';
import type { WarehouseTable } from './types';
import { WarehouseRefusal } from './WarehouseRefusal';

const PARTITION_COLUMN_TYPES = ['TIMESTAMP', 'DATE', 'DATETIME'];

const sameName = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** The column holding a table's partition time; undefined when it is not partitioned. */
export function partitionColumnOf(table: WarehouseTable): string | undefined {
  if (!table.timePartitioning) return undefined;
  return table.timePartitioning.field ?? ARRIVAL_PARTITION_COLUMN;
}

function topLevelField(
  fields: SchemaField[],
  name: string,
): SchemaField | undefined {
  return fields.find(f => sameName(f.name, name));
}

function clusteringProblem(
  table: WarehouseTable,
  keys: string[],
  columns: string[],
): string | undefined {
  const missing = keys.filter(key => !columns.some(c => sameName(c, key)));
  if (missing.length === 0) return undefined;
  const many = missing.length > 1;
  return `the clustering column${many ? 's' : ''} ${missing.join(', ')} ${
    many ? 'are not columns' : 'is not a column'
  } of ${table.project}.${table.dataset}.${table.table}: add ${
    many ? 'them' : 'it'
  } to the schema or change spec.partitioning.keys`;
}

/** Why the table's partitioning or clustering cannot be made, if it cannot. */
function layoutProblem(table: WarehouseTable): string | undefined {
  const partitionField = table.timePartitioning?.field;
  if (partitionField) {
    const field = topLevelField(table.fields, partitionField);
    if (
      !field ||
      fieldMode(field) === 'REPEATED' ||
      !PARTITION_COLUMN_TYPES.includes(field.type)
    ) {
      return `the partition column ${partitionField} is not a TIMESTAMP, DATE or DATETIME column of ${table.project}.${table.dataset}.${table.table}: change spec.partitioning.field or the schema`;
    }
  }
  return clusteringProblem(
    table,
    table.clustering,
    table.fields.map(f => f.name),
  );
}

async function createIndex(
  db: Knex,
  table: string,
  purpose: 'partition' | 'clustering',
  column: string,
) {
  await db.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (??)', [
    columnIndexName(table, purpose, column),
    table,
    column,
  ]);
}

/**
 * Creates a table's SQL table: a column per top-level field (RECORD and
 * REPEATED fields as JSON, REQUIRED as NOT NULL), `_PARTITIONTIME` when it
 * is partitioned by arrival, an index on the partition column and one per
 * clustering column.
 */
export async function createWarehouseTable(
  db: Knex,
  dialect: WarehouseDialect,
  table: WarehouseTable,
): Promise<void> {
  const problem = layoutProblem(table);
  if (problem) throw new WarehouseRefusal(problem);
  const arrivalPartitioned =
    !!table.timePartitioning && !table.timePartitioning.field;
  await db.schema.createTable(table.physicalName, builder => {
    for (const field of table.fields) addFieldColumn(builder, dialect, field);
    if (arrivalPartitioned) {
      builder
        .specificType(
          ARRIVAL_PARTITION_COLUMN,
          dialect.columnType({
            name: ARRIVAL_PARTITION_COLUMN,
            type: 'TIMESTAMP',
          }),
        )
        .notNullable();
    }
  });
  const partitionColumn = partitionColumnOf(table);
  if (partitionColumn) {
    await createIndex(db, table.physicalName, 'partition', partitionColumn);
  }
  await setClusteringIndexes(db, table, [], table.clustering);
}

/**
 * Replaces the clustering indexes of `before` by those of `after`, which
 * must be columns of the table (`columns`: its column names). The
 * partition column has its own index already.
 */
export async function setClusteringIndexes(
  db: Knex,
  table: WarehouseTable,
  before: string[],
  after: string[],
  columns: string[] = table.fields.map(f => f.name),
): Promise<void> {
  const problem = clusteringProblem(table, after, columns);
  if (problem) throw new WarehouseRefusal(problem);
  const partitionColumn = partitionColumnOf(table);
  for (const key of before) {
    if (after.includes(key)) continue;
    await db.raw('DROP INDEX IF EXISTS ??', [
      columnIndexName(table.physicalName, 'clustering', key),
    ]);
  }
  for (const key of after) {
    if (partitionColumn && sameName(key, partitionColumn)) continue;
    const column = columns.find(c => sameName(c, key))!;
    await createIndex(db, table.physicalName, 'clustering', column);
  }
}

/** Adds a nullable column for a top-level field; an existing column is left as it is. */
export async function addWarehouseColumn(
  db: Knex,
  dialect: WarehouseDialect,
  physicalName: string,
  field: SchemaField,
): Promise<void> {
  if (await db.schema.hasColumn(physicalName, field.name)) return;
  await db.schema.alterTable(physicalName, builder =>
    addFieldColumn(builder, dialect, field),
  );
}

/**
 * Drops a column's NOT NULL: ALTER COLUMN ... DROP NOT NULL on PostgreSQL;
 * on SQLite, which cannot alter a column, knex copies the table into one
 * made without it (indexes included) in the same transaction.
 */
export async function relaxWarehouseColumn(
  db: Knex,
  physicalName: string,
  column: string,
): Promise<void> {
  await db.schema.alterTable(physicalName, builder =>
    builder.setNullable(column),
  );
}
