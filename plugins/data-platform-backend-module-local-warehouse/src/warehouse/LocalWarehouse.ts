import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  runAnonymizationTransform,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Knex } from 'knex';
import { fieldsOfColumns } from './columns';
import { CatalogColumn, dialectOf, WarehouseDialect } from './dialects';
import {
  datasetFromRow,
  datasetToRow,
  deliveryFromRow,
  deliveryToRow,
  METADATA_TABLES,
  rowsWhereIn,
  tableFromRow,
  tableToRow,
} from './metadataRows';
import { partitionColumnValue } from './partitionColumnValue';
import {
  partitionsSince,
  recordLanding,
  recordReplacement,
  rowsByPartition,
  WarehousePartition,
} from './partitionMetadata';
import { nextPartitionStart, partitionStart } from './partitionTime';
import { physicalTableName, TableRef } from './physicalNames';
import { rowOfEvent } from './rowValues';
import { partitionColumnOf } from './tableDdl';
import type {
  WarehouseDataset,
  WarehouseDelivery,
  WarehouseTable,
} from './types';

const migrationsDir = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend-module-local-warehouse',
  'migrations',
);

/** Rows one insert writes at most (SQLite bounds the variables of a statement). */
const ROWS_PER_INSERT = 100;

/** What became of the events handed to a delivery. */
export type DeliveryReport = {
  /** Rows written to the table. */
  landed: number;
  /** Events the transform filtered out. */
  filtered: number;
  /** Events not landed, by their index in the batch, and why. */
  refused: { index: number; message: string }[];
};

/** What became of the rows handed to `replacePartition`. */
export type ReplacementReport = Omit<DeliveryReport, 'filtered'>;

/** A table's address as one string, for sets of tables. */
const addressKey = (ref: TableRef) =>
  JSON.stringify([ref.project, ref.dataset, ref.table]);

/**
 * The local warehouse: a database of its own (SQLite or PostgreSQL through
 * knex) standing in for BigQuery. Each BigQuery table is a SQL table under
 * its physical name; metadata tables keep what SQL cannot hold (datasets,
 * partitioning, expiration, clustering, labels, descriptions and nested
 * fields) and the deliveries that land event types into tables through
 * their generated anonymization transform. Provisioning creates and keeps
 * it; quality checks query it.
 */
export class LocalWarehouse {
  readonly dialect: WarehouseDialect;
  /** The addresses of the recorded tables, for questions that cannot wait for a query. */
  private held = new Set<string>();

  private constructor(readonly knex: Knex, private readonly now: () => number) {
    this.dialect = dialectOf(knex);
  }

  /** The warehouse in this database, its metadata tables migrated to the latest. */
  static async create(options: {
    knex: Knex;
    now?: () => number;
  }): Promise<LocalWarehouse> {
    await options.knex.migrate.latest({
      directory: migrationsDir,
      tableName: 'warehouse_migrations',
    });
    const warehouse = new LocalWarehouse(options.knex, options.now ?? Date.now);
    await warehouse.refreshHeldTables();
    return warehouse;
  }

  /**
   * Whether the warehouse holds a table, without a query: as of the last
   * refresh (at start and by the module every minute, for tables another
   * instance provisions) or this instance's own provisioning.
   */
  holds(ref: TableRef): boolean {
    return this.held.has(addressKey(ref));
  }

  /** Reads again which tables the metadata records (see `holds`). */
  async refreshHeldTables(): Promise<void> {
    this.held = new Set((await this.allTables()).map(addressKey));
  }

  /** The SQL table of a BigQuery table (see `physicalTableName`). */
  physicalTableName(ref: TableRef): string {
    return physicalTableName(ref);
  }

  /** Datasets by resource id, those recorded. */
  async datasets(
    ids: string[],
    db: Knex = this.knex,
  ): Promise<Map<string, WarehouseDataset>> {
    const rows = await rowsWhereIn(db, METADATA_TABLES.datasets, 'id', ids);
    return new Map(rows.map(r => [r.id, datasetFromRow(r)]));
  }

  /** Tables by physical name, those recorded. */
  async tables(
    physicalNames: string[],
    db: Knex = this.knex,
  ): Promise<Map<string, WarehouseTable>> {
    const rows = await rowsWhereIn(
      db,
      METADATA_TABLES.tables,
      'physical_name',
      physicalNames,
    );
    return new Map(rows.map(r => [r.physical_name, tableFromRow(r)]));
  }

  /** A table's metadata, when it is recorded. */
  async table(
    ref: TableRef,
    db: Knex = this.knex,
  ): Promise<WarehouseTable | undefined> {
    const name = physicalTableName(ref);
    const table = (await this.tables([name], db)).get(name);
    // A 48-bit hash collision would name another table: not this one.
    return table &&
      table.project === ref.project &&
      table.dataset === ref.dataset &&
      table.table === ref.table
      ? table
      : undefined;
  }

  /** Every recorded table. */
  async allTables(): Promise<WarehouseTable[]> {
    return (await this.knex(METADATA_TABLES.tables)).map(tableFromRow);
  }

  /** Deliveries by resource id, those recorded. */
  async deliveries(
    ids: string[],
    db: Knex = this.knex,
  ): Promise<Map<string, WarehouseDelivery>> {
    const rows = await rowsWhereIn(db, METADATA_TABLES.deliveries, 'id', ids);
    return new Map(rows.map(r => [r.id, deliveryFromRow(r)]));
  }

  /** Every recorded delivery. */
  async allDeliveries(): Promise<WarehouseDelivery[]> {
    return (await this.knex(METADATA_TABLES.deliveries)).map(deliveryFromRow);
  }

  /** The columns of these SQL tables that exist, from the database's catalog, by table. */
  async columns(
    physicalNames: string[],
    db: Knex = this.knex,
  ): Promise<Map<string, CatalogColumn[]>> {
    const byTable = new Map<string, CatalogColumn[]>();
    for (const column of await this.dialect.readColumns(db, physicalNames)) {
      const list = byTable.get(column.tableName) ?? [];
      list.push(column);
      byTable.set(column.tableName, list);
    }
    return byTable;
  }

  /** A table's fields as its columns are (see `fieldsOfColumns`). */
  fieldsOf(
    table: WarehouseTable | undefined,
    columns: CatalogColumn[],
  ): SchemaField[] {
    return fieldsOfColumns(
      this.dialect,
      columns,
      table?.fields ?? [],
      !!table?.timePartitioning && !table.timePartitioning.field,
    );
  }

  async saveDataset(db: Knex, dataset: WarehouseDataset): Promise<void> {
    await db(METADATA_TABLES.datasets)
      .insert(datasetToRow(dataset, this.now()))
      .onConflict('id')
      .merge(['labels']);
  }

  async saveTable(db: Knex, table: WarehouseTable): Promise<void> {
    const row = tableToRow(table, this.now());
    const { created_at: _created, ...changed } = row;
    await db(METADATA_TABLES.tables)
      .insert(row)
      .onConflict('physical_name')
      .merge(changed);
    this.held.add(addressKey(table));
  }

  async saveDelivery(db: Knex, delivery: WarehouseDelivery): Promise<void> {
    await db(METADATA_TABLES.deliveries)
      .insert(deliveryToRow(delivery, this.now()))
      .onConflict('id')
      .merge();
  }

  /**
   * The partitions of these tables (by physical name) that start at or
   * after `since`: their rows and last write, as deliveries recorded them.
   * No table is scanned.
   */
  async partitions(
    physicalNames: string[],
    since: Date,
  ): Promise<Map<string, WarehousePartition[]>> {
    return partitionsSince(this.knex, physicalNames, since.getTime());
  }

  /**
   * Lands events through a delivery, as its BigQuery subscription would:
   * each event goes through the delivery's generated anonymization
   * transform (dropped fields removed, pseudonymized ones replaced by keyed
   * hashes), then into its table, the partition column from the event (or
   * `_PARTITIONTIME` from `arrival`, default now, for a table partitioned
   * by arrival). An event the transform or the table refuses is reported,
   * not landed; the others are. The partitions' row counts and last write
   * time (`arrival`, see `partitions`) change in the same transaction.
   */
  async deliver(
    deliveryId: string,
    events: object[],
    options: { arrival?: Date } = {},
  ): Promise<DeliveryReport> {
    const delivery = (await this.deliveries([deliveryId])).get(deliveryId);
    if (!delivery) {
      throw new Error(`${deliveryId} is not a delivery of the local warehouse`);
    }
    const { table, name, columnNames } = await this.heldTable(
      delivery.table,
      `${deliveryId} delivers into`,
    );
    const arrival = options.arrival ?? new Date(this.now());
    const report: DeliveryReport = { landed: 0, filtered: 0, refused: [] };
    const rows: Record<string, unknown>[] = [];
    events.forEach((event, index) => {
      try {
        const landed = runAnonymizationTransform(delivery.transform, event);
        if (landed === null) report.filtered++;
        else {
          rows.push(
            rowOfEvent(
              table,
              columnNames,
              landed as Record<string, unknown>,
              arrival,
            ),
          );
        }
      } catch (e) {
        report.refused.push({ index, message: (e as Error).message });
      }
    });
    await this.knex.transaction(async trx => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await trx(name).insert(rows.slice(i, i + ROWS_PER_INSERT));
      }
      await recordLanding(
        trx,
        name,
        rowsByPartition(table, rows),
        arrival.getTime(),
      );
    });
    report.landed = rows.length;
    return report;
  }

  /**
   * Replaces the rows of one partition, as a batch job that overwrites a
   * partition (BigQuery's `WRITE_TRUNCATE` to `table$20261205`) does: the
   * rows of the partition starting at `partition` are deleted and `rows`
   * land in their place, in one transaction that also sets the
   * partition's row count and last write (`written`, default now). Rows
   * land as they are, with no delivery's transform (a pipeline writes its
   * output already anonymized); a table partitioned by arrival gets
   * `_PARTITIONTIME` at the partition's start. For an unpartitioned table
   * `partition` is ignored and the whole table is replaced. A row outside
   * the partition, or one the table cannot hold, is refused and reported;
   * the others land. Replacing again with the same rows changes nothing.
   */
  async replacePartition(
    ref: TableRef,
    partition: Date | undefined,
    rows: Record<string, unknown>[],
    options: { written?: Date } = {},
  ): Promise<ReplacementReport> {
    const { table, name, columnNames } = await this.heldTable(ref, 'Rows for');
    const column = partitionColumnOf(table);
    if (column && !partition) {
      throw new Error(
        `${table.project}.${table.dataset}.${table.table} is partitioned: name the partition to replace`,
      );
    }
    const granularity = table.timePartitioning?.granularity;
    const start =
      column && partition ? partitionStart(partition, granularity!) : undefined;
    const written = options.written ?? new Date(this.now());
    const report: ReplacementReport = { landed: 0, refused: [] };
    const landing: Record<string, unknown>[] = [];
    rows.forEach((event, index) => {
      try {
        const row = rowOfEvent(table, columnNames, event, start ?? written);
        const [landsIn] = [...rowsByPartition(table, [row]).keys()];
        if (start && landsIn !== start.getTime()) {
          throw new Error(
            `${column} is outside the partition of ${start.toISOString()}`,
          );
        }
        landing.push(row);
      } catch (e) {
        report.refused.push({ index, message: (e as Error).message });
      }
    });
    await this.knex.transaction(async trx => {
      const existing = trx(name);
      if (column && start) {
        const end = nextPartitionStart(start, granularity!);
        await existing
          .where(column, '>=', partitionColumnValue(table, column, start))
          .andWhere(column, '<', partitionColumnValue(table, column, end))
          .delete();
      } else {
        await existing.delete();
      }
      for (let i = 0; i < landing.length; i += ROWS_PER_INSERT) {
        await trx(name).insert(landing.slice(i, i + ROWS_PER_INSERT));
      }
      if (start) {
        await recordReplacement(
          trx,
          name,
          start.getTime(),
          landing.length,
          written.getTime(),
        );
      }
    });
    report.landed = landing.length;
    return report;
  }

  /** A held table with its SQL name and columns; throws when it is not here. */
  private async heldTable(ref: TableRef, what: string) {
    const table = await this.table(ref);
    const name = physicalTableName(ref);
    const columns = (await this.columns([name])).get(name);
    if (!table || !columns) {
      throw new Error(
        `${what} ${ref.project}.${ref.dataset}.${ref.table}, which is not in the local warehouse`,
      );
    }
    return { table, name, columnNames: columns.map(c => c.name) };
  }
}
