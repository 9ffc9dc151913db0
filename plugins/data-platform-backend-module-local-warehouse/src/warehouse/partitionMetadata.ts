import type { Knex } from 'knex';
import { ARRIVAL_PARTITION_COLUMN } from './columns';
import { METADATA_TABLES } from './metadataRows';
import { partitionStart } from './partitionTime';
import { partitionColumnOf } from './tableDdl';
import type { WarehouseTable } from './types';

const PARTITIONS_TABLE = METADATA_TABLES.partitions;

/** What the warehouse keeps of one time partition of a table. */
export type WarehousePartition = {
  /** Start of the partition's period, ms since the epoch (UTC). */
  start: number;
  rows: number;
  /** When rows last landed in it, ms since the epoch. */
  lastModified: number;
};

/** Tables one metadata query reads at most (bounded IN lists). */
const TABLES_PER_QUERY = 500;

/**
 * A partition column's value as a time: TIMESTAMP values are ISO 8601 in
 * UTC, DATE a day and DATETIME a civil time, both read as UTC (BigQuery
 * partitions on them as such). Undefined for a null or unreadable value:
 * such a row is in no time partition (BigQuery's `__NULL__`).
 */
function partitionTime(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value instanceof Date ? value.toISOString() : String(value);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text) || text.length === 10;
  const time = Date.parse(zoned ? text : `${text}Z`);
  return Number.isNaN(time) ? undefined : time;
}

/** Rows by the start of the partition they fall in, for rows about to land in a table. */
export function rowsByPartition(
  table: WarehouseTable,
  rows: Record<string, unknown>[],
): Map<number, number> {
  const counts = new Map<number, number>();
  const column = partitionColumnOf(table);
  if (!column) return counts;
  const key =
    column === ARRIVAL_PARTITION_COLUMN
      ? column
      : table.fields.find(f => f.name.toLowerCase() === column.toLowerCase())
          ?.name ?? column;
  for (const row of rows) {
    const time = partitionTime(row[key]);
    if (time === undefined) continue;
    const start = partitionStart(
      new Date(time),
      table.timePartitioning!.granularity,
    ).getTime();
    counts.set(start, (counts.get(start) ?? 0) + 1);
  }
  return counts;
}

/**
 * Adds landed rows to their partitions' counts and marks the partitions
 * written at `at`. Run it in the transaction that inserts the rows, so
 * the counts move with them.
 */
export async function recordLanding(
  db: Knex,
  physicalName: string,
  counts: Map<number, number>,
  at: number,
): Promise<void> {
  if (counts.size === 0) return;
  await db(PARTITIONS_TABLE)
    .insert(
      [...counts].map(([start, rows]) => ({
        physical_name: physicalName,
        partition_start: start,
        row_count: rows,
        last_modified: at,
      })),
    )
    .onConflict(['physical_name', 'partition_start'])
    .merge({
      row_count: db.raw('?? + excluded.??', [
        `${PARTITIONS_TABLE}.row_count`,
        'row_count',
      ]),
      last_modified: db.raw('excluded.??', ['last_modified']),
    });
}

/**
 * Sets a partition's row count and last write, for rows that replaced
 * all of its rows. Run it in the transaction that replaces them.
 */
export async function recordReplacement(
  db: Knex,
  physicalName: string,
  start: number,
  rows: number,
  at: number,
): Promise<void> {
  await db(PARTITIONS_TABLE)
    .insert({
      physical_name: physicalName,
      partition_start: start,
      row_count: rows,
      last_modified: at,
    })
    .onConflict(['physical_name', 'partition_start'])
    .merge(['row_count', 'last_modified']);
}

/** Forgets the partitions of a table that start before `cutoff` (ms), as their rows are deleted. */
export async function forgetPartitionsBefore(
  db: Knex,
  physicalName: string,
  cutoff: number,
): Promise<void> {
  await db(PARTITIONS_TABLE)
    .where('physical_name', physicalName)
    .andWhere('partition_start', '<', cutoff)
    .delete();
}

/** The partitions of these tables that start at or after `since` (ms), oldest first, by physical name. */
export async function partitionsSince(
  db: Knex,
  physicalNames: string[],
  since: number,
): Promise<Map<string, WarehousePartition[]>> {
  const result = new Map<string, WarehousePartition[]>();
  const unique = [...new Set(physicalNames)];
  for (let i = 0; i < unique.length; i += TABLES_PER_QUERY) {
    const rows = await db(PARTITIONS_TABLE)
      .whereIn('physical_name', unique.slice(i, i + TABLES_PER_QUERY))
      .andWhere('partition_start', '>=', since)
      .orderBy(['physical_name', 'partition_start']);
    for (const row of rows) {
      const list = result.get(row.physical_name) ?? [];
      list.push({
        start: Number(row.partition_start),
        rows: Number(row.row_count),
        lastModified: Number(row.last_modified),
      });
      result.set(row.physical_name, list);
    }
  }
  return result;
}
