import {
  fieldMode,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Knex } from 'knex';
import { CatalogColumn, normalizeSqlType, WarehouseDialect } from './dialects';
import { columnNameProblem } from './physicalNames';
import { WarehouseRefusal } from './WarehouseRefusal';

/**
 * The column of an arrival-partitioned table (time partitioning without a
 * field) that holds each row's partition, named as BigQuery's pseudo-column
 * so that the same queries read it.
 */
export const ARRIVAL_PARTITION_COLUMN = '_PARTITIONTIME';

/** Adds the column of a top-level field to a table being created or altered. */
export function addFieldColumn(
  table: Knex.CreateTableBuilder | Knex.AlterTableBuilder,
  dialect: WarehouseDialect,
  field: SchemaField,
): void {
  const problem = columnNameProblem(field.name);
  if (problem) throw new WarehouseRefusal(problem);
  const column = table.specificType(field.name, dialect.columnType(field));
  if (fieldMode(field) === 'REQUIRED') column.notNullable();
  else column.nullable();
}

const byName = (name: string) => name.toLocaleLowerCase('en-US');

/**
 * The fields of a table as it is: its columns in their order, each the field
 * the metadata records for it when the column still has the type it was
 * made with (descriptions, nested fields and modes of nested fields live
 * only there), its mode from the column's NOT NULL. A column added by hand,
 * or retyped by hand, reads as the BigQuery type closest to its SQL type, so
 * that the plan shows it; a column dropped by hand is missing.
 */
export function fieldsOfColumns(
  dialect: WarehouseDialect,
  columns: CatalogColumn[],
  recorded: SchemaField[],
  arrivalPartitioned: boolean,
): SchemaField[] {
  const fields = new Map(recorded.map(f => [byName(f.name), f]));
  const result: SchemaField[] = [];
  for (const column of columns) {
    if (arrivalPartitioned && column.name === ARRIVAL_PARTITION_COLUMN) {
      continue;
    }
    const field = fields.get(byName(column.name));
    const madeAs =
      field &&
      normalizeSqlType(dialect.columnType(field)) ===
        normalizeSqlType(column.sqlType);
    if (!field || !madeAs) {
      result.push({
        name: column.name,
        type: dialect.fieldTypeOf(column.sqlType),
        mode: column.notNull ? 'REQUIRED' : 'NULLABLE',
        ...(field?.description ? { description: field.description } : {}),
      });
      continue;
    }
    const mode = fieldMode(field);
    if (column.notNull && mode !== 'REQUIRED') {
      result.push({ ...field, mode: 'REQUIRED' });
    } else if (!column.notNull && mode === 'REQUIRED') {
      result.push({ ...field, mode: 'NULLABLE' });
    } else {
      result.push(field);
    }
  }
  return result;
}
