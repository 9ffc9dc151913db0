import { Config } from '@backstage/config';
import { durationMs, parseIsoDuration } from './schedule/deadlines';

/** The `dataPlatform.health` settings, with their defaults applied. */
export type HealthSettings = {
  /** SLA (after the period end) of pipelines that declare none; also streams' staleness limit. */
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
  sweepLeaseMs: number;
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

function isoSetting(
  config: Config | undefined,
  key: string,
  fallback: string,
): number {
  const value = config?.getOptionalString(key) ?? fallback;
  try {
    return durationMs(value);
  } catch {
    throw new Error(
      `dataPlatform.health.${key} must be an ISO 8601 duration such as PT1H, got "${value}"`,
    );
  }
}

export function readHealthSettings(root: Config): HealthSettings {
  const config = root.getOptionalConfig('dataPlatform.health');
  const defaultSla = config?.getOptionalString('defaultSla') ?? 'PT3H';
  try {
    parseIsoDuration(defaultSla);
  } catch {
    throw new Error(
      `dataPlatform.health.defaultSla must be an ISO 8601 duration, got "${defaultSla}"`,
    );
  }
  const feeder = config?.getOptionalConfig('demoFeeder');
  const runsPerSweep = config?.getOptionalNumber('runsPerSweep') ?? 100_000;
  if (!(runsPerSweep > 0))
    throw new Error('dataPlatform.health.runsPerSweep must be positive');
  return {
    defaultSla,
    lookbackMs: isoSetting(config, 'lookback', 'P3D'),
    backfillAfterMs: isoSetting(config, 'backfillAfter', 'P1D'),
    escalateAfterMs: isoSetting(config, 'escalateAfter', 'PT2H'),
    reopenWithinMs: isoSetting(config, 'reopenWithin', 'PT1H'),
    sweepIntervalMs: isoSetting(config, 'sweepInterval', 'PT1M'),
    sweepLeaseMs: isoSetting(config, 'sweepTimeout', 'PT5M'),
    runsPerSweep,
    catalogSyncIntervalMs: isoSetting(config, 'catalogSyncInterval', 'PT30S'),
    catalogReconcileIntervalMs: isoSetting(
      config,
      'catalogReconcileInterval',
      'PT10M',
    ),
    demoFeeder: {
      enabled: feeder?.getOptionalBoolean('enabled') ?? false,
      stalled: feeder?.getOptionalStringArray('stalled') ?? [],
      failing: feeder?.getOptionalStringArray('failing') ?? [],
      historyDays: feeder?.getOptionalNumber('historyDays') ?? 3,
    },
  };
}
