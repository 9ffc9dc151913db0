import type { Knex } from 'knex';
import type {
  WarehouseDataset,
  WarehouseDelivery,
  WarehouseTable,
} from './types';

/** The metadata tables (see migrations/). */
export const METADATA_TABLES = {
  datasets: 'warehouse_datasets',
  tables: 'warehouse_tables',
  deliveries: 'warehouse_deliveries',
  partitions: 'warehouse_partitions',
} as const;

/** Rows one metadata query reads at most (bounded IN lists). */
const IDS_PER_QUERY = 500;

/** Rows of a metadata table whose key is among `keys`, in bounded IN lists. */
export async function rowsWhereIn(
  db: Knex,
  table: string,
  column: string,
  keys: string[],
): Promise<any[]> {
  const rows: any[] = [];
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    rows.push(
      ...(await db(table).whereIn(column, unique.slice(i, i + IDS_PER_QUERY))),
    );
  }
  return rows;
}

export function datasetFromRow(row: any): WarehouseDataset {
  return {
    id: row.id,
    project: row.project,
    dataset: row.dataset,
    labels: JSON.parse(row.labels),
  };
}

export function datasetToRow(dataset: WarehouseDataset, now: number) {
  return {
    id: dataset.id,
    project: dataset.project,
    dataset: dataset.dataset,
    labels: JSON.stringify(dataset.labels),
    created_at: now,
  };
}

export function tableFromRow(row: any): WarehouseTable {
  return {
    id: row.id,
    physicalName: row.physical_name,
    project: row.project,
    dataset: row.dataset,
    table: row.table_name,
    ...(row.description ? { description: row.description } : {}),
    fields: JSON.parse(row.fields),
    ...(row.partition_granularity
      ? {
          timePartitioning: {
            granularity: row.partition_granularity,
            ...(row.partition_field ? { field: row.partition_field } : {}),
          },
        }
      : {}),
    ...(row.partition_expiration_days !== null &&
    row.partition_expiration_days !== undefined
      ? { partitionExpirationDays: Number(row.partition_expiration_days) }
      : {}),
    requirePartitionFilter: !!row.require_partition_filter,
    clustering: JSON.parse(row.clustering),
    labels: JSON.parse(row.labels),
  };
}

export function tableToRow(table: WarehouseTable, now: number) {
  return {
    physical_name: table.physicalName,
    id: table.id,
    project: table.project,
    dataset: table.dataset,
    table_name: table.table,
    description: table.description ?? null,
    fields: JSON.stringify(table.fields),
    partition_granularity: table.timePartitioning?.granularity ?? null,
    partition_field: table.timePartitioning?.field ?? null,
    partition_expiration_days: table.partitionExpirationDays ?? null,
    require_partition_filter: table.requirePartitionFilter,
    clustering: JSON.stringify(table.clustering),
    labels: JSON.stringify(table.labels),
    created_at: now,
    updated_at: now,
  };
}

export function deliveryFromRow(row: any): WarehouseDelivery {
  return {
    id: row.id,
    project: row.project,
    subscription: row.subscription,
    topic: row.topic,
    table: {
      project: row.table_project,
      dataset: row.table_dataset,
      table: row.table_name,
    },
    eventType: row.event_type,
    revision: Number(row.revision),
    fields: JSON.parse(row.fields),
    transform: JSON.parse(row.transform),
    labels: JSON.parse(row.labels),
  };
}

export function deliveryToRow(delivery: WarehouseDelivery, now: number) {
  return {
    id: delivery.id,
    project: delivery.project,
    subscription: delivery.subscription,
    topic: delivery.topic,
    table_project: delivery.table.project,
    table_dataset: delivery.table.dataset,
    table_name: delivery.table.table,
    event_type: delivery.eventType,
    revision: delivery.revision,
    fields: JSON.stringify(delivery.fields),
    transform: JSON.stringify(delivery.transform),
    transform_fingerprint: delivery.transform.fingerprint,
    labels: JSON.stringify(delivery.labels),
    updated_at: now,
  };
}
