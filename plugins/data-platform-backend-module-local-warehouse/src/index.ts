/**
 * The local warehouse of the data-platform plugin: the embedded default
 * provisioner, which creates and keeps the catalog's BigQuery datasets,
 * tables and deliveries as real tables in a knex database of its own
 * (SQLite or PostgreSQL), and the quality runner that checks them there.
 *
 * @packageDocumentation
 */

export { dataPlatformModuleLocalWarehouse as default } from './module';
export { LocalWarehouse } from './warehouse/LocalWarehouse';
export type { DeliveryReport } from './warehouse/LocalWarehouse';
export { LocalWarehouseProvisioner } from './provisioner/LocalWarehouseProvisioner';
export { LocalWarehouseQualityRunner } from './quality/LocalWarehouseQualityRunner';
export { physicalTableName } from './warehouse/physicalNames';
export type { TableRef } from './warehouse/physicalNames';
export { ARRIVAL_PARTITION_COLUMN } from './warehouse/columns';
export { partitionColumnOf } from './warehouse/tableDdl';
export type {
  WarehouseDataset,
  WarehouseDelivery,
  WarehouseTable,
} from './warehouse/types';
export type { CatalogColumn, WarehouseDialect } from './warehouse/dialects';
