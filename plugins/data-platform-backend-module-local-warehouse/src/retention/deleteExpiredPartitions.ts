import type { LoggerService } from '@backstage/backend-plugin-api';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { forgetPartitionsBefore } from '../warehouse/partitionMetadata';
import { partitionColumnValue } from '../warehouse/partitionColumnValue';
import { expiryCutoff } from '../warehouse/partitionTime';
import { partitionColumnOf } from '../warehouse/tableDdl';

/** Rows one table lost to its partition expiration. */
export type ExpiredRows = { table: string; deleted: number };

/**
 * Deletes the rows of expired partitions, as BigQuery's partition
 * expiration does: in each partitioned table with an expiration, the rows
 * whose partition started more than the expiration ago (rows without a
 * partition time stay, as in BigQuery's `__NULL__` partition). Idempotent:
 * running it again, or on another instance, deletes nothing more. The
 * partitions' metadata goes with their rows, in the same transaction. The
 * only deletion the local warehouse ever makes by itself.
 */
export async function deleteExpiredPartitions(
  warehouse: LocalWarehouse,
  options: { logger: LoggerService; now?: Date },
): Promise<ExpiredRows[]> {
  const now = options.now ?? new Date();
  const tables = (await warehouse.allTables()).filter(
    t => t.timePartitioning && t.partitionExpirationDays,
  );
  const columns = await warehouse.columns(tables.map(t => t.physicalName));
  const expired: ExpiredRows[] = [];
  for (const table of tables) {
    const column = partitionColumnOf(table)!;
    const existing = columns.get(table.physicalName) ?? [];
    if (!existing.some(c => c.name === column)) {
      options.logger.warn(
        `The local warehouse table ${table.project}.${table.dataset}.${table.table} has no partition column ${column}; its partitions do not expire`,
      );
      continue;
    }
    const cutoff = expiryCutoff(
      now,
      table.partitionExpirationDays!,
      table.timePartitioning!.granularity,
    );
    const deleted = await warehouse.knex.transaction(async trx => {
      await forgetPartitionsBefore(trx, table.physicalName, cutoff.getTime());
      const rows: number = await trx(table.physicalName)
        .where(column, '<', partitionColumnValue(table, column, cutoff))
        .delete();
      return rows;
    });
    if (deleted > 0) {
      options.logger.info(
        `Deleted ${deleted} rows of partitions before ${cutoff.toISOString()} from ${
          table.project
        }.${table.dataset}.${table.table} (partitions expire after ${
          table.partitionExpirationDays
        } days)`,
      );
    }
    expired.push({ table: table.id, deleted });
  }
  return expired;
}
