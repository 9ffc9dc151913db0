import type {
  PartitionGranularity,
  QualityCheckType,
  QualitySeverity,
} from '../kinds/entities';
import type { SchemaField } from '../schema/fields';
import type { TableAddress } from './tableReferences';

/** The SQL a compiled check query is written in. */
export type QualityDialect = 'bigquery' | 'postgres' | 'sqlite';

/** The time range a partition covers, [start, end), as ISO 8601 times in UTC. */
export type PartitionRange = { start: string; end: string };

/** The table a runner checks, as the runner addresses it. */
export type QualityTarget = {
  /**
   * The physical table as the warehouse's SQL names it, quoted by the
   * runner: `` `tunewave-warehouse.listening.plays_hourly` `` on BigQuery,
   * `"public"."tunewave_warehouse__listening__plays_hourly_1a2b3c4d5e6f"`
   * in the local warehouse. Qualify it when its bare name equals the
   * catalog table's name (a CTE of that name stands in for it).
   */
  physicalTable: string;
  /** The table's address in the catalog (the endpoint's location): the names custom SQL uses. */
  address: TableAddress;
  /** Time partitioning; absent for an unpartitioned table. */
  partitioning?: {
    /** Column holding the partition time (`_PARTITIONTIME` when partitioned by arrival). */
    column: string;
    /** Its type, which the partition bounds are cast to. Default TIMESTAMP. */
    columnType?: 'TIMESTAMP' | 'DATE' | 'DATETIME';
    granularity: Exclude<PartitionGranularity, 'NONE'>;
  };
  /** The declared fields (own or the event type's): types of nested paths. */
  fields?: SchemaField[];
  /**
   * SQL reading a column path (dotted for a nested field) of the table.
   * Default: BigQuery's `` `a`.`b` ``; in the local warehouse, where a
   * RECORD is a JSON column, PostgreSQL's `("a"->>'b')::type` and SQLite's
   * `json_extract("a", '$.b')`.
   */
  columnExpression?: (path: string, field?: SchemaField) => string;
};

/** One value a compiled query returns, under its column alias. */
export type CompiledMetric = { alias: string } & (
  | { kind: 'row_count' }
  | { kind: 'non_null_count'; column: string }
  | { kind: 'distinct_count'; column: string }
  | { kind: 'min'; column: string }
  | { kind: 'max'; column: string }
  /** Non-null values not among a check's accepted values. */
  | { kind: 'outside_accepted'; check: string; column: string }
  /** Rows a custom_sql check's query returns for the partition. */
  | { kind: 'failing_rows'; check: string }
  /** Rows repeating a composite key (all key columns non-null). */
  | { kind: 'duplicate_rows'; check: string }
);

/** A query to run, with positional `?` bindings, and what each column of its one row means. */
export type CompiledQualityQuery = {
  sql: string;
  bindings: unknown[];
  metrics: CompiledMetric[];
  /** Checks left out of the query, with why: their results are errors. */
  skipped: { check: string; reason: string }[];
};

/** What a scan (or partition metadata) measured, per column and check. */
export type ColumnMetrics = {
  nonNullCount?: number;
  distinctCount?: number;
  /** Numbers, or dates and times as ISO 8601 strings. */
  min?: number | string;
  max?: number | string;
};

/** Everything measured of one partition that checks are judged on. */
export type PartitionMetrics = {
  rowCount?: number;
  /** When the partition was last written (partition metadata). */
  lastModified?: string;
  columns: Record<string, ColumnMetrics>;
  checks: Record<
    string,
    { failingRows?: number; outsideAccepted?: number; duplicateRows?: number }
  >;
  /** Checks that could not be measured (by name), with why. */
  errors: Record<string, string>;
};

/** A partition's row count at the start of its period, for volume bands. */
export type VolumePoint = { partition: string; rows: number };

/** What besides metrics judging a partition needs. */
export type EvaluationContext = {
  /** The partition judged; absent for an unpartitioned table. */
  partition?: PartitionRange;
  /** When the checks run (ISO 8601). */
  evaluatedAt: string;
  /** When the partition landed, when the runner knows (its run completed). */
  landedAt?: string;
  /** The table's columns as the warehouse has them, for schema_match. */
  observedFields?: SchemaField[];
  /** The declared fields (own or the event type's), for schema_match. */
  declaredFields?: SchemaField[];
  /** Row counts of earlier partitions, for volume_anomaly. */
  volumeHistory?: VolumePoint[];
  /** Row counts the owner marked as normal, for volume_anomaly. */
  markedNormal?: VolumePoint[];
};

/** How a check came out. `not_run`: nothing to judge yet, with why. */
export type QualityCheckStatus = 'pass' | 'fail' | 'error' | 'not_run';

/** The result of one check on one partition. */
export type QualityCheckResult = {
  name: string;
  type: QualityCheckType;
  column?: string;
  severity: QualitySeverity;
  status: QualityCheckStatus;
  /** What was measured, e.g. `null_rate`, `row_count`, `duplicate_rows`. */
  metric: string;
  /** What the check demands, in words: `at most 1%`. */
  expected?: string;
  /** The measured value (a count, a rate 0..1, an ISO time). */
  actual?: number | string;
  /** For people: `null rate of country 3.2% > 1%`. */
  message: string;
};

/** What judging one check decides, before its name and severity are added. */
export type CheckVerdict = Pick<
  QualityCheckResult,
  'status' | 'metric' | 'expected' | 'actual' | 'message'
>;
