import type { Entity } from '@backstage/catalog-model';
import type { SchemaField } from '../schema/fields';
import {
  DATA_ENDPOINT_KIND,
  DATA_PLATFORM_API_VERSION,
  EVENT_TYPE_KIND,
  PIPELINE_KIND,
} from './constants';

/** Rules that decide which schema changes an event type accepts. */
export const COMPATIBILITY_MODES = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;

/** A schema compatibility mode (Confluent Schema Registry's names). */
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** Time granularity of an event type's delivery partitions. */
export type DeliveryGranularity = 'HOUR' | 'DAY';

/** One earlier revision of an event type's schema. */
export type SchemaRevision = {
  revision: number;
  fields: SchemaField[];
  createdAt?: string;
  comment?: string;
};

/** Fields every data-platform kind's spec has. */
export type DataPlatformSpecBase = {
  owner: string;
  lifecycle: string;
  system?: string;
};

/** An event type: the schema of events producers emit, and how they are delivered. */
export interface EventTypeEntity extends Entity {
  apiVersion: typeof DATA_PLATFORM_API_VERSION;
  kind: typeof EVENT_TYPE_KIND;
  spec: DataPlatformSpecBase & {
    schema: {
      revision: number;
      /** Defaults to BACKWARD. */
      compatibility?: CompatibilityMode;
      fields: SchemaField[];
      /** Earlier revisions, oldest first. */
      history?: SchemaRevision[];
    };
    delivery: {
      partitioning: DeliveryGranularity;
      retentionDays: number;
    };
    /** Components that emit these events. */
    producers?: string[];
  };
}

/** The store behind a data endpoint. */
export type DataEndpointType = 'bigquery-table' | 'pubsub-topic' | 'gcs-path';

/** Where a data endpoint physically lives. Which keys apply depends on the type. */
export type DataEndpointLocation = {
  project?: string;
  dataset?: string;
  table?: string;
  topic?: string;
  bucket?: string;
  path?: string;
};

/** Time granularity of a data endpoint's partitions. */
export type PartitionGranularity = 'HOUR' | 'DAY' | 'MONTH' | 'YEAR' | 'NONE';

/** The kinds of quality check a data endpoint can declare. */
export const QUALITY_CHECK_TYPES = [
  'freshness',
  'volume',
  'volume_anomaly',
  'null_rate',
  'uniqueness',
  'accepted_values',
  'range',
  'schema_match',
  'custom_sql',
] as const;

/** One of {@link QUALITY_CHECK_TYPES}. */
export type QualityCheckType = (typeof QUALITY_CHECK_TYPES)[number];

/** How much a failing check matters, most first. */
export const QUALITY_SEVERITIES = ['critical', 'warning', 'info'] as const;

/** One of {@link QUALITY_SEVERITIES}; `critical` failures open alerts. */
export type QualitySeverity = (typeof QUALITY_SEVERITIES)[number];

/** A value an accepted_values check allows. */
export type AcceptedValue = string | number | boolean;

/** A quality check declared on a data endpoint. */
export type QualityCheck = {
  /** Stable name; defaults to the type and column, e.g. `null_rate:country`. */
  name?: string;
  type: QualityCheckType;
  /** Defaults to `warning`. */
  severity?: QualitySeverity;
  /**
   * The column a column check looks at (a dotted path for a nested field);
   * for freshness, the time column whose newest value counts when the table
   * is not partitioned.
   */
  column?: string;
  /** For uniqueness of a composite key: its columns, instead of `column`. */
  columns?: string[];
  /** For freshness: ISO 8601 duration. */
  maxDelay?: string;
  /** For volume: rows per partition at least. */
  minRows?: number;
  /** For null_rate: 0..1. */
  maxNullRate?: number;
  /** For custom_sql: a query returning the failing rows. */
  sql?: string;
  /** For accepted_values: every non-null value of the column is one of these. */
  values?: AcceptedValue[];
  /** For range: the smallest value allowed (a number, or an ISO date or time). */
  min?: number | string;
  /** For range: the largest value allowed (a number, or an ISO date or time). */
  max?: number | string;
  /** For volume_anomaly: weeks of history the band is learned from; default 4. */
  weeks?: number;
  /** For volume_anomaly: half-width of the band in robust deviations; default 3. */
  sensitivity?: number;
};

/** A dataset or topic. */
export interface DataEndpointEntity extends Entity {
  apiVersion: typeof DATA_PLATFORM_API_VERSION;
  kind: typeof DATA_ENDPOINT_KIND;
  spec: DataPlatformSpecBase & {
    type: DataEndpointType;
    location: DataEndpointLocation;
    /** Either the event type whose schema it stores, or its own fields. */
    schema?: { eventType?: string; fields?: SchemaField[] };
    partitioning?: {
      granularity: PartitionGranularity;
      /** The column holding the partition time. */
      field?: string;
      /** Further partition keys after the time (multi-partitioning). */
      keys?: string[];
    };
    retentionDays?: number;
    access?: { readers?: string[]; writers?: string[] };
    quality?: QualityCheck[];
  };
}

/** How often a pipeline runs. */
export type PipelineScheduleType = 'hourly' | 'daily' | 'cron' | 'streaming';

/** Processing engines a pipeline can run on. */
export type PipelineEngine =
  | 'bigquery'
  | 'dataflow'
  | 'flink'
  | 'scio'
  | 'dbt'
  | 'spark'
  | 'beam'
  | 'airflow'
  | 'python';

/** A job that reads data endpoints and writes others. */
export interface PipelineEntity extends Entity {
  apiVersion: typeof DATA_PLATFORM_API_VERSION;
  kind: typeof PIPELINE_KIND;
  spec: DataPlatformSpecBase & {
    engine: PipelineEngine;
    schedule: {
      type: PipelineScheduleType;
      /** Five-field cron expression, for type `cron`. */
      cron?: string;
      /** IANA time zone the schedule is in; defaults to UTC. */
      timezone?: string;
    };
    /** The deadline, after the end of the partition period, for its output to land. */
    sla?: { deadline: string };
    inputs?: string[];
    outputs?: string[];
  };
}

/** Any of this project's kinds. */
export type DataPlatformEntity =
  | EventTypeEntity
  | PipelineEntity
  | DataEndpointEntity;

function isKind(entity: Entity | undefined, kind: string): boolean {
  return (
    !!entity &&
    entity.apiVersion === DATA_PLATFORM_API_VERSION &&
    entity.kind.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US')
  );
}

/** True for an EventType entity (checks kind and apiVersion, not the spec). */
export function isEventTypeEntity(
  entity: Entity | undefined,
): entity is EventTypeEntity {
  return isKind(entity, EVENT_TYPE_KIND);
}

/** True for a Pipeline entity (checks kind and apiVersion, not the spec). */
export function isPipelineEntity(
  entity: Entity | undefined,
): entity is PipelineEntity {
  return isKind(entity, PIPELINE_KIND);
}

/** True for a DataEndpoint entity (checks kind and apiVersion, not the spec). */
export function isDataEndpointEntity(
  entity: Entity | undefined,
): entity is DataEndpointEntity {
  return isKind(entity, DATA_ENDPOINT_KIND);
}

/** True for any of this project's kinds. */
export function isDataPlatformEntity(
  entity: Entity | undefined,
): entity is DataPlatformEntity {
  return (
    isEventTypeEntity(entity) ||
    isPipelineEntity(entity) ||
    isDataEndpointEntity(entity)
  );
}
