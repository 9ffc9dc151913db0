/**
 * The `dataPlatform.health` settings, with their defaults applied (see
 * `readDataPlatformConfig`).
 */
export type HealthSettings = {
  /**
   * SLA (after the period end) of pipelines that declare none, as ISO 8601
   * like their own `spec.sla.deadline`; also streams' staleness limit.
   */
  defaultSla: string;
  /** How far back the sweep judges partitions and looks for gaps. */
  lookbackMs: number;
  /** A landing run that started this long after the period end is a backfill. */
  backfillAfterMs: number;
  /** An alert goes up one severity level this long past its deadline. */
  escalateAfterMs: number;
  /** A problem that returns within this time reopens its alert instead of a new one. */
  reopenWithinMs: number;
  /** How often the sweep runs. */
  sweepIntervalMs: number;
  /** How long one sweep may hold the lease before another instance may take over. */
  sweepTimeoutMs: number;
  /** Changed runs one sweep attaches at most (a burst spills into the next). */
  runsPerSweep: number;
  /** How often pipelines are synced from the catalog. */
  catalogSyncIntervalMs: number;
  /** How often a sync lists every pipeline rather than the changed ones. */
  catalogReconcileIntervalMs: number;
  demoFeeder: DemoFeederSettings;
};

/** `dataPlatform.health.demoFeeder`. */
export type DemoFeederSettings = {
  enabled: boolean;
  /** Pipelines whose scheduler stopped: no runs from a few hours back. */
  stalled: string[];
  /** Pipelines whose latest partition fails, retried once. */
  failing: string[];
  /** Days of run history the feeder writes when it starts. */
  historyDays: number;
};
