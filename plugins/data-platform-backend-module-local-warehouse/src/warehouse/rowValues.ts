import {
  fieldMode,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { ARRIVAL_PARTITION_COLUMN } from './columns';
import { isJsonColumn } from './dialects';
import { partitionStart } from './partitionTime';
import type { WarehouseTable } from './types';
import { WarehouseRefusal } from './WarehouseRefusal';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function refuse(field: SchemaField, value: unknown): never {
  const shown = JSON.stringify(value) ?? String(value);
  throw new WarehouseRefusal(
    `${field.name}: ${
      shown.length > 40 ? `${shown.slice(0, 40)}...` : shown
    } is not a valid ${field.type} value`,
  );
}

/**
 * A value of an event as its column stores it, the way a BigQuery
 * subscription writes JSON into a table: timestamps as ISO 8601 in UTC
 * (numbers are seconds since the epoch), BYTES from base64, RECORD, REPEATED
 * and JSON values as JSON text. Throws on a value the column cannot hold.
 */
export function columnValue(field: SchemaField, value: unknown): unknown {
  if (value === undefined || value === null) {
    return fieldMode(field) === 'REPEATED' ? '[]' : null;
  }
  if (isJsonColumn(field)) return JSON.stringify(value);
  switch (field.type) {
    case 'TIMESTAMP': {
      const time =
        typeof value === 'number'
          ? new Date(value * 1000)
          : new Date(String(value));
      if (Number.isNaN(time.getTime())) refuse(field, value);
      return time.toISOString();
    }
    case 'DATE':
      if (typeof value !== 'string' || !DATE.test(value)) refuse(field, value);
      return value;
    case 'DATETIME':
      if (typeof value !== 'string' || !DATE.test(value.slice(0, 10))) {
        refuse(field, value);
      }
      return value.replace(' ', 'T');
    case 'BOOL':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return refuse(field, value);
    case 'INT64':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && INTEGER.test(value)) return value;
      return refuse(field, value);
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && NUMBER.test(value)) return value;
      return refuse(field, value);
    case 'BYTES':
      if (typeof value !== 'string') refuse(field, value);
      return Buffer.from(value, 'base64');
    default:
      if (typeof value === 'object') refuse(field, value);
      return String(value);
  }
}

/**
 * The row an event lands as: a value per column of the table (event keys
 * match columns case-insensitively, as BigQuery's do; keys without a column
 * are left out), and for a table partitioned by arrival, `_PARTITIONTIME`
 * at the start of the arrival's partition. Throws on an event the table
 * cannot hold, naming the field.
 */
export function rowOfEvent(
  table: WarehouseTable,
  columns: string[],
  event: Record<string, unknown>,
  arrival: Date,
): Record<string, unknown> {
  const values = new Map(
    Object.entries(event).map(([k, v]) => [k.toLocaleLowerCase('en-US'), v]),
  );
  const existing = new Set(columns.map(c => c.toLocaleLowerCase('en-US')));
  const row: Record<string, unknown> = {};
  for (const field of table.fields) {
    const key = field.name.toLocaleLowerCase('en-US');
    if (!existing.has(key)) continue;
    const value = columnValue(field, values.get(key));
    if (value === null && fieldMode(field) === 'REQUIRED') {
      throw new WarehouseRefusal(
        `${field.name}: a REQUIRED field has no value`,
      );
    }
    row[field.name] = value;
  }
  if (table.timePartitioning && !table.timePartitioning.field) {
    row[ARRIVAL_PARTITION_COLUMN] = partitionStart(
      arrival,
      table.timePartitioning.granularity,
    ).toISOString();
  }
  return row;
}
