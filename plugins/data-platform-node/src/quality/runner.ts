import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  PartitionGranularity,
  PartitionMetrics,
  PartitionRange,
  QualityCheck,
  QualityQueryCost,
  QualityDialect,
  SchemaField,
  TableAddress,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * An endpoint's table as the quality engine hands it to a runner: where the
 * catalog says it is, its declared fields (own or its event type's) and its
 * time partitioning.
 *
 * @public
 */
export type QualityTable = {
  /** The DataEndpoint. */
  endpointRef: string;
  address: Required<TableAddress>;
  fields: SchemaField[];
  partitioning?: {
    /** Unset: partitioned by arrival time. */
    field?: string;
    granularity: Exclude<PartitionGranularity, 'NONE'>;
  };
};

/**
 * What one query cost (see -common's `QualityQueryCost`).
 *
 * @public
 */
export type { QualityQueryCost };

/** One partition's checks to run. @public */
export type QualityRunRequest = {
  table: QualityTable;
  /** The checks that need a scan (the engine judges the others from metadata). */
  checks: QualityCheck[];
  /** The partition; unset for an unpartitioned table. */
  partition?: PartitionRange;
  /** Labels naming the endpoint and checks, for the warehouse's own cost attribution. */
  labels: Record<string, string>;
  signal?: AbortSignal;
  logger: LoggerService;
};

/** What a run measured and what it cost. @public */
export type QualityRunOutcome = {
  metrics: PartitionMetrics;
  queries: QualityQueryCost[];
  /** The table's columns as the warehouse has them, for schema_match. */
  observedFields?: SchemaField[];
};

/** What partition metadata says of one partition. @public */
export type PartitionMetadataRow = {
  /** Start of the partition's period, ISO 8601. */
  partition: string;
  rows: number;
  /** ISO 8601. */
  lastModified?: string;
};

/**
 * Runs an endpoint's quality checks where its data is. Compiles all checks
 * of one partition into one query that scans the partition once (with
 * `compilePartitionChecks` from -common, in its dialect), at most one more
 * where exact uniqueness of a composite key needs it, and reports what each
 * query cost. Where the warehouse keeps partition metadata (BigQuery's
 * `INFORMATION_SCHEMA.PARTITIONS`), it answers freshness and volume for
 * many tables without scanning any.
 *
 * Add runners from a backend module through
 * `dataPlatformQualityExtensionPoint`.
 *
 * @public
 */
export interface QualityRunner {
  /** Unique among the installed runners, e.g. `bigquery`, `local-warehouse`. */
  readonly id: string;
  /** How pages name the warehouse, e.g. `BigQuery`, `the local warehouse`. */
  readonly title: string;
  readonly dialect: QualityDialect;
  /** Whether this runner's warehouse holds the table. */
  handles(table: QualityTable): boolean;
  /** Runs one partition's checks: one scan, at most one more query. */
  runPartition(request: QualityRunRequest): Promise<QualityRunOutcome>;
  /**
   * Optional: row counts and last-modified times of the partitions of many
   * tables since a time, read from metadata without scanning data. Keyed
   * by endpoint ref.
   */
  partitionMetadata?(
    tables: QualityTable[],
    options: { since: string; signal?: AbortSignal; logger: LoggerService },
  ): Promise<Map<string, PartitionMetadataRow[]>>;
}
