import {
  compileDuplicateKeys,
  compilePartitionChecks,
  emptyPartitionMetrics,
  readScanRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  PartitionMetadataRow,
  QualityRunner,
  QualityRunOutcome,
  QualityRunRequest,
  QualityTable,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';

type PartitionMetadataOptions = Parameters<
  NonNullable<QualityRunner['partitionMetadata']>
>[1];
import { qualityTargetOf, readableChecks } from './qualityTarget';
import { runQualityQueries } from './runQualityQueries';

/**
 * Runs an endpoint's quality checks in the local warehouse: per partition
 * one query that scans it once (`compilePartitionChecks` in the
 * database's dialect, nested fields read from their JSON columns), and one
 * more only for uniqueness of a composite key. Partition metadata (rows
 * and last write per partition) comes from what deliveries recorded, with
 * no scan. Costs are durations: the local databases bill no bytes.
 */
export class LocalWarehouseQualityRunner implements QualityRunner {
  readonly id = 'local-warehouse';
  readonly title = 'the local warehouse';
  readonly dialect: 'postgres' | 'sqlite';

  constructor(private readonly warehouse: LocalWarehouse) {
    this.dialect = warehouse.dialect.name;
  }

  handles(table: QualityTable): boolean {
    return this.warehouse.holds(table.address);
  }

  async runPartition(request: QualityRunRequest): Promise<QualityRunOutcome> {
    const { address } = request.table;
    const table = await this.warehouse.table(address);
    const columns = table
      ? (await this.warehouse.columns([table.physicalName])).get(
          table.physicalName,
        )
      : undefined;
    if (!table || !columns) {
      throw new Error(
        `${address.project}.${address.dataset}.${address.table} is not in the local warehouse`,
      );
    }
    const names = columns.map(c => c.name);
    const target = qualityTargetOf(
      this.warehouse.dialect,
      table,
      address,
      names,
    );
    const { readable, unreadable } = readableChecks(
      request.checks,
      table,
      names,
    );
    const scan = compilePartitionChecks(
      target,
      readable,
      request.partition,
      this.dialect,
    );
    const duplicates = compileDuplicateKeys(
      target,
      readable,
      request.partition,
      this.dialect,
    );
    const queries = duplicates ? [scan, duplicates] : [scan];
    const { rows, costs } = await runQualityQueries(
      this.warehouse,
      queries,
      request.signal,
    );
    const metrics = emptyPartitionMetrics();
    queries.forEach((query, i) => readScanRow(query, rows[i], metrics));
    Object.assign(metrics.errors, unreadable);
    return {
      metrics,
      queries: costs,
      observedFields: this.warehouse.fieldsOf(table, columns),
    };
  }

  /**
   * Rows and last write of each partition starting at or after `since`,
   * from the metadata deliveries keep (no table is scanned). Rows written
   * to a table other than through `deliver()` are not counted. A held,
   * partitioned table with nothing landed since has an empty list; tables
   * the warehouse does not hold, and unpartitioned ones, have no entry.
   */
  async partitionMetadata(
    tables: QualityTable[],
    options: PartitionMetadataOptions,
  ): Promise<Map<string, PartitionMetadataRow[]>> {
    const held = tables.filter(t => t.partitioning && this.handles(t));
    const physical = new Map(
      held.map(t => [
        t.endpointRef,
        this.warehouse.physicalTableName(t.address),
      ]),
    );
    const partitions = await this.warehouse.partitions(
      [...physical.values()],
      new Date(options.since),
    );
    const result = new Map<string, PartitionMetadataRow[]>();
    for (const [endpointRef, name] of physical) {
      result.set(
        endpointRef,
        (partitions.get(name) ?? []).map(p => ({
          partition: new Date(p.start).toISOString(),
          rows: p.rows,
          lastModified: new Date(p.lastModified).toISOString(),
        })),
      );
    }
    return result;
  }
}
