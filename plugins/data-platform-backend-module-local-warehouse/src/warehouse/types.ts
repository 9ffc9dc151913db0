import type {
  AnonymizationTransform,
  SchemaField,
  TimePartitioning,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { TableRef } from './physicalNames';

/** A BigQuery dataset the local warehouse stands in for (metadata only). */
export type WarehouseDataset = {
  /** The resource id, `bigquery-dataset:<project>.<dataset>`. */
  id: string;
  project: string;
  dataset: string;
  labels: Record<string, string>;
};

/** A table of the local warehouse, as its metadata records it. */
export type WarehouseTable = TableRef & {
  /** The resource id, `bigquery-table:<project>.<dataset>.<table>`. */
  id: string;
  /** The SQL table holding its rows (see `physicalTableName`). */
  physicalName: string;
  description?: string;
  /** The fields as applied: nested ones, modes and descriptions included. */
  fields: SchemaField[];
  timePartitioning?: TimePartitioning;
  partitionExpirationDays?: number;
  /** Recorded, not enforced: local queries may leave the partition out. */
  requirePartitionFilter: boolean;
  /** Indexed columns standing in for BigQuery's clustering. */
  clustering: string[];
  labels: Record<string, string>;
};

/** An event type's delivery into a warehouse table. */
export type WarehouseDelivery = {
  /** The resource id, `delivery:<project>/<subscription>`. */
  id: string;
  project: string;
  subscription: string;
  topic: string;
  table: TableRef;
  /** The EventType delivered, and its schema revision. */
  eventType: string;
  revision: number;
  /** The event type's fields with their PII marks. */
  fields: SchemaField[];
  /** Generated from the fields' PII marks; run on every event landed. */
  transform: AnonymizationTransform;
  labels: Record<string, string>;
};
