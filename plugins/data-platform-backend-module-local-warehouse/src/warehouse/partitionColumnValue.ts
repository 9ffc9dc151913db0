import { ARRIVAL_PARTITION_COLUMN } from './columns';
import type { WarehouseTable } from './types';

/**
 * A time as a table's partition column compares it: a date for a DATE
 * column, a civil time for DATETIME, a UTC time for TIMESTAMP and
 * `_PARTITIONTIME`, so that `column < value` bounds partitions.
 */
export function partitionColumnValue(
  table: WarehouseTable,
  column: string,
  time: Date,
): string {
  const iso = time.toISOString();
  if (column === ARRIVAL_PARTITION_COLUMN) return iso;
  const field = table.fields.find(
    f => f.name.toLowerCase() === column.toLowerCase(),
  );
  if (field?.type === 'DATE') return iso.slice(0, 10);
  if (field?.type === 'DATETIME') return iso.slice(0, 19);
  return iso;
}
