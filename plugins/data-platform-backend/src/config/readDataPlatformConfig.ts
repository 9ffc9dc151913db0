import { Config } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { Duration } from 'luxon';
import type { HealthSettings } from '../services/Health/healthSettings';
import type { LeaseSettings } from '../services/JobLease/JobLease';
import {
  NameMappingConfig,
  NameMappings,
} from '../services/OpenLineage/NameMappings';
import {
  ProvisioningConfig,
  readProvisioningConfig,
} from './readProvisioningConfig';
import { QualityConfig, readQualityConfig } from './readQualityConfig';
import { byteSize } from './byteSize';
import { DurationBound, readDuration, readDurationMs } from './readDuration';

/** `dataPlatform.lineage`, with its defaults applied. */
export type LineageConfig = {
  /** How often the lineage index checks the catalog for changed entities. */
  catalogSyncIntervalMs: number;
  /** How often a sync lists every entity rather than the changed ones. */
  catalogReconcileIntervalMs: number;
};

/** `dataPlatform.readAccess`, with its defaults applied. */
export type ReadAccessConfig = {
  /** How long the catalog's answer that a caller may read an entity is used. */
  decisionTtlMs: number;
};

/** `dataPlatform.openLineage`, with its defaults applied. */
export type OpenLineageConfig = {
  /** Largest request body the ingestion reads: bytes, or a size such as '10mb'. */
  maxBodySize: string | number;
  /** Days raw events are kept. */
  retentionDays: number;
  /** NDJSON files of events ingested on start. */
  seedFiles: string[];
  /** How precisely observed edges keep `lastSeenAt`. */
  lastSeenResolutionMs: number;
  /** Most events one request may hold. */
  maxEventsPerRequest: number;
  /** How deeply an event's objects and arrays may nest. */
  maxNestingDepth: number;
  /** Most datasets in an event's inputs, and in its outputs. */
  maxDatasetsPerEvent: number;
  /** The store of refused events. */
  deadLetters: {
    /** The newest this many are kept. */
    maxEvents: number;
    /** Days they are kept. */
    retentionDays: number;
    /** Largest payload kept (bytes); larger ones keep only their reasons. */
    maxPayloadBytes: number;
  };
  /** What the platform calls emitters' jobs and datasets. */
  mappings: NameMappingConfig;
};

/** The plugin's `dataPlatform` configuration, read once, with its defaults. */
export type DataPlatformConfig = {
  /**
   * `dataPlatform.openLineage.defaultJobNamespace`: the OpenLineage job
   * namespace of Pipelines without an annotation naming one, for the
   * lineage index and pipeline health alike.
   */
  defaultJobNamespace: string;
  lineage: LineageConfig;
  readAccess: ReadAccessConfig;
  openLineage: OpenLineageConfig;
  health: HealthSettings;
  provisioning: ProvisioningConfig;
  quality: QualityConfig;
  /** `dataPlatform.leases`: how instances share the singleton jobs. */
  leases: LeaseSettings;
};

function readPositiveNumber(
  config: Config,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) throw new Error(`${key} must be positive`);
  return value;
}

/** A size in bytes: a number, or a string such as '512kb' or '1mb'. */
function readByteSize(
  config: Config,
  key: string,
  fallback: string | number,
): number {
  const size = byteSize(config.getOptional(key) ?? fallback);
  if (size === undefined) {
    throw new Error(`${key} must be a number of bytes or a size such as "1mb"`);
  }
  return size;
}

/**
 * `dataPlatform.openLineage.mappings`; throws naming the key of a rule
 * whose expression does not compile.
 */
function readMappings(config: Config): NameMappingConfig {
  const mappings = config.getOptionalConfig(
    'dataPlatform.openLineage.mappings',
  );
  const rules = (key: string) =>
    (mappings?.getOptionalConfigArray(key) ?? []).map(rule => ({
      name: rule.getString('name'),
      ...(rule.has('namespace')
        ? { namespace: rule.getString('namespace') }
        : {}),
      ...(rule.has('to') ? { to: rule.getString('to') } : {}),
      ...(rule.has('toNamespace')
        ? { toNamespace: rule.getString('toNamespace') }
        : {}),
    }));
  const read: NameMappingConfig = {
    jobs: rules('jobs'),
    datasets: rules('datasets'),
    ignoreDatasets: rules('ignoreDatasets'),
  };
  // Compiled here too, so that a bad expression stops the backend at once.
  new NameMappings(read); // eslint-disable-line no-new
  return read;
}

/** `dataPlatform.readAccess`, also read where the whole config is not. */
export function readReadAccess(config: Config): ReadAccessConfig {
  return {
    decisionTtlMs: readDurationMs(
      config,
      'dataPlatform.readAccess.decisionTtl',
      { seconds: 2 },
    ),
  };
}

function readLineage(config: Config): LineageConfig {
  const key = (name: string) => `dataPlatform.lineage.${name}`;
  return {
    catalogSyncIntervalMs: readDurationMs(
      config,
      key('catalogSyncInterval'),
      { seconds: 20 },
      'positive',
    ),
    catalogReconcileIntervalMs: readDurationMs(
      config,
      key('catalogReconcileInterval'),
      { minutes: 10 },
    ),
  };
}

function readOpenLineage(config: Config): OpenLineageConfig {
  const key = (name: string) => `dataPlatform.openLineage.${name}`;
  const maxBodySize = config.getOptional(key('maxBodySize')) ?? '10mb';
  if (
    (typeof maxBodySize !== 'string' && typeof maxBodySize !== 'number') ||
    byteSize(maxBodySize) === undefined
  ) {
    throw new Error(
      `${key(
        'maxBodySize',
      )} must be a number of bytes or a size such as "10mb"`,
    );
  }
  return {
    maxBodySize,
    retentionDays: readPositiveNumber(config, key('retentionDays'), 30),
    seedFiles: config.getOptionalStringArray(key('seedFiles')) ?? [],
    lastSeenResolutionMs: readDurationMs(config, key('lastSeenResolution'), {
      hours: 6,
    }),
    maxEventsPerRequest: readPositiveNumber(
      config,
      key('maxEventsPerRequest'),
      10_000,
    ),
    maxNestingDepth: readPositiveNumber(config, key('maxNestingDepth'), 64),
    maxDatasetsPerEvent: readPositiveNumber(
      config,
      key('maxDatasetsPerEvent'),
      1000,
    ),
    mappings: readMappings(config),
    deadLetters: {
      maxEvents: readPositiveNumber(
        config,
        key('deadLetters.maxEvents'),
        10_000,
      ),
      retentionDays: readPositiveNumber(
        config,
        key('deadLetters.retentionDays'),
        14,
      ),
      maxPayloadBytes: readByteSize(
        config,
        key('deadLetters.maxPayloadSize'),
        '1mb',
      ),
    },
  };
}

function readHealth(config: Config): HealthSettings {
  const key = (name: string) => `dataPlatform.health.${name}`;
  const feeder = config.getOptionalConfig(key('demoFeeder'));
  const ms = (name: string, fallback: HumanDuration, bound?: DurationBound) =>
    readDurationMs(config, key(name), fallback, bound);
  return {
    // Kept as ISO 8601, like a Pipeline's own `spec.sla.deadline`: a P1D
    // SLA counts calendar days in the schedule's time zone.
    defaultSla: Duration.fromObject(
      readDuration(config, key('defaultSla'), { hours: 3 }),
    ).toISO()!,
    lookbackMs: ms('lookback', { days: 3 }),
    backfillAfterMs: ms('backfillAfter', { days: 1 }),
    escalateAfterMs: ms('escalateAfter', { hours: 2 }),
    reopenWithinMs: ms('reopenWithin', { hours: 1 }),
    sweepIntervalMs: ms('sweepInterval', { minutes: 1 }, 'positive'),
    sweepTimeoutMs: ms('sweepTimeout', { minutes: 5 }, 'positive'),
    runsPerSweep: readPositiveNumber(config, key('runsPerSweep'), 100_000),
    catalogSyncIntervalMs: ms(
      'catalogSyncInterval',
      { seconds: 30 },
      'positive',
    ),
    catalogReconcileIntervalMs: ms('catalogReconcileInterval', {
      minutes: 10,
    }),
    demoFeeder: {
      enabled: feeder?.getOptionalBoolean('enabled') ?? false,
      stalled: feeder?.getOptionalStringArray('stalled') ?? [],
      failing: feeder?.getOptionalStringArray('failing') ?? [],
      historyDays: feeder?.getOptionalNumber('historyDays') ?? 3,
    },
  };
}

function readLeases(config: Config): LeaseSettings {
  const key = (name: string) => `dataPlatform.leases.${name}`;
  const leases: LeaseSettings = {
    leaseMs: readDurationMs(
      config,
      key('duration'),
      { seconds: 30 },
      'positive',
    ),
    renewEveryMs: readDurationMs(
      config,
      key('renewInterval'),
      { seconds: 10 },
      'positive',
    ),
    checkEveryMs: readDurationMs(
      config,
      key('checkInterval'),
      { seconds: 10 },
      'positive',
    ),
  };
  // A holder must renew at least twice per lease to keep it through one
  // slow or failed renewal.
  if (leases.renewEveryMs * 2 > leases.leaseMs) {
    throw new Error(
      `${key('renewInterval')} must be at most half of ${key('duration')}`,
    );
  }
  return leases;
}

/**
 * Reads the plugin's `dataPlatform` configuration once, with the defaults
 * `config.d.ts` documents. Throws naming the key of a bad value.
 */
export function readDataPlatformConfig(config: Config): DataPlatformConfig {
  return {
    defaultJobNamespace:
      config.getOptionalString(
        'dataPlatform.openLineage.defaultJobNamespace',
      ) ?? 'default',
    lineage: readLineage(config),
    readAccess: readReadAccess(config),
    openLineage: readOpenLineage(config),
    health: readHealth(config),
    provisioning: readProvisioningConfig(config),
    quality: readQualityConfig(config),
    leases: readLeases(config),
  };
}
