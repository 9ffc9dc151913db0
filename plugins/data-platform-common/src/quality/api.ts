import { createPermission } from '@backstage/plugin-permission-common';
import type { QualityCheckType, QualitySeverity } from '../kinds/entities';
import type { EndpointScore } from './scoreTypes';
import type { QualityCheckResult, VolumePoint } from './types';
import type { VolumeBand } from './volumeBand';

/** What a check result is: a declared check, or an assertion an emitter reported. */
export type QualityResultType = QualityCheckType | 'assertion';

/**
 * What one query of a check run cost, as the warehouse reports it, with
 * the SQL for people to copy and rerun.
 */
export type QualityQueryCost = {
  sql: string;
  bindings?: unknown[];
  /** Bytes a dry run said it would scan, where the warehouse has dry runs. */
  estimatedBytes?: number;
  bytesProcessed?: number;
  bytesBilled?: number;
  /** Slot milliseconds (BigQuery). */
  slotMs?: number;
  durationMs: number;
  /** The warehouse's id of the job. */
  jobId?: string;
};

/** One check's latest result on one partition from one source, as pages show it. */
export type QualityResultView = Omit<QualityCheckResult, 'type'> & {
  type: QualityResultType;
  /** The runner (`local-warehouse`, `bigquery`) or emitter (`dbt`, `great_expectations`, `soda`). */
  source: string;
  /** Start of the partition, ISO 8601; unset for an unpartitioned table. */
  partition?: string;
  /** ISO 8601. */
  evaluatedAt: string;
  /** The run that measured it, with its queries (warehouse runs only). */
  run?: { id: number; queries: QualityQueryCost[] };
};

/** The Quality tab of one endpoint. */
export type EndpointQuality = {
  entityRef: string;
  /** The runner that runs its checks; unset when none handles its table. */
  runner?: { id: string; title: string };
  /** Its declared checks. */
  checks: {
    name: string;
    type: QualityCheckType;
    column?: string;
    severity: QualitySeverity;
  }[];
  /** The latest score, with its components and deductions. */
  score?: EndpointScore & { day: string };
  /** Daily scores of the last 30 days, oldest first. */
  trend: { day: string; score: number }[];
  /** Partitions of the grid, newest first (ISO 8601). */
  partitions: string[];
  /**
   * Partitions begun but not complete (their period, plus the endpoint's
   * grace, has not ended), newest first: not judged yet, so no result of
   * theirs is in `results`. `completeAt` is when checks will judge them.
   */
  filling?: { partition: string; completeAt: string }[];
  /** Latest result per check, partition and source over the grid's partitions. */
  results: QualityResultView[];
  /**
   * Volume history, each partition with the band learned for it from the
   * partitions before it, and the band of the latest partition.
   */
  volume?: {
    history: (VolumePoint & { band?: VolumeBand })[];
    markedNormal: VolumePoint[];
    band?: VolumeBand;
  };
  /** Partitions waiting to be checked. */
  queued: number;
  /** Whether the caller may run checks and mark volumes as normal. */
  canRun: boolean;
};

/** Answer of `POST /quality/endpoints/:namespace/:name/run` (202). */
export type QualityChecksQueued = {
  queued: {
    endpointRef: string;
    /** Start of the partition queued, ISO 8601; absent for an unpartitioned table. */
    partition?: string;
    /** The partition is still filling: its checks run from then on (ISO 8601). */
    waitsUntil?: string;
  };
};

/** Answer of `POST /quality/endpoints/:namespace/:name/mark-normal`. */
export type VolumeMarkedNormal = {
  marked: { partition: string; rows: number };
};

/** An endpoint's latest score, for lists. */
export type QualityScoreSummary = {
  entityRef: string;
  title: string;
  score: number;
  day: string;
  /** The component that lost most points, e.g. `checks`. */
  weakest?: string;
};

/**
 * Run an endpoint's checks now and mark its volumes as normal, on endpoints
 * one does not own (owners need no permission for their own).
 */
export const qualityRunPermission = createPermission({
  name: 'dataplatform.quality.run',
  attributes: { action: 'update' },
});

/** Every permission of the quality API. */
export const qualityPermissions = [qualityRunPermission];
