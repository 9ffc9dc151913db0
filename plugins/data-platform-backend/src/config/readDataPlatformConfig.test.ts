import { ConfigReader } from '@backstage/config';
import { readDataPlatformConfig } from './readDataPlatformConfig';

const read = (dataPlatform: object) =>
  readDataPlatformConfig(new ConfigReader({ dataPlatform }));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('readDataPlatformConfig', () => {
  it('applies the documented defaults to an empty configuration', () => {
    expect(readDataPlatformConfig(new ConfigReader({}))).toEqual({
      defaultJobNamespace: 'default',
      lineage: {
        catalogSyncIntervalMs: 20_000,
        catalogReconcileIntervalMs: 10 * MINUTE,
      },
      readAccess: { decisionTtlMs: 2000 },
      openLineage: {
        maxBodySize: '10mb',
        retentionDays: 30,
        seedFiles: [],
        lastSeenResolutionMs: 6 * HOUR,
        maxEventsPerRequest: 10_000,
        maxNestingDepth: 64,
        maxDatasetsPerEvent: 1000,
        deadLetters: {
          maxEvents: 10_000,
          retentionDays: 14,
          maxPayloadBytes: 1024 * 1024,
        },
        mappings: { jobs: [], datasets: [], ignoreDatasets: [] },
      },
      health: {
        defaultSla: 'PT3H',
        lookbackMs: 3 * DAY,
        backfillAfterMs: DAY,
        escalateAfterMs: 2 * HOUR,
        reopenWithinMs: HOUR,
        sweepIntervalMs: MINUTE,
        sweepTimeoutMs: 5 * MINUTE,
        runsPerSweep: 100_000,
        catalogSyncIntervalMs: 30_000,
        catalogReconcileIntervalMs: 10 * MINUTE,
        demoFeeder: {
          enabled: false,
          stalled: [],
          failing: [],
          historyDays: 3,
        },
      },
      provisioning: {
        autoApply: 'none',
        requirePartitionFilter: true,
        applyTimeoutMs: 5 * MINUTE,
        reconcileIntervalMs: 10 * MINUTE,
        reconcileTimeoutMs: 30 * MINUTE,
        initialDelayMs: 30_000,
      },
      quality: {
        queueBatch: 50,
        maxAttempts: 3,
        volumeWeeks: 4,
        catchUpPartitions: 2,
        checkIntervalMs: 30_000,
        metadataIntervalMs: HOUR,
        scoreIntervalMs: HOUR,
        catalogSyncIntervalMs: 30_000,
        weights: {
          timeliness: 0.3,
          checks: 0.35,
          volume: 0.15,
          stewardship: 0.2,
        },
      },
      leases: { leaseMs: 30_000, renewEveryMs: 10_000, checkEveryMs: 10_000 },
    });
  });

  it('reads every duration key as an object, an ISO 8601 or a ms-style string', () => {
    const config = read({
      lineage: {
        catalogSyncInterval: { seconds: 5 },
        catalogReconcileInterval: 'PT15M',
      },
      openLineage: { lastSeenResolution: '90 minutes' },
      health: {
        defaultSla: { hours: 1, minutes: 30 },
        lookback: 'P7D',
        backfillAfter: '2d',
        escalateAfter: { hours: 4 },
        reopenWithin: 'PT0S',
        sweepInterval: '30s',
        sweepTimeout: { minutes: 2 },
        catalogSyncInterval: 'PT1M',
        catalogReconcileInterval: '1h',
      },
      leases: { duration: '20s', renewInterval: 'PT5S', checkInterval: '5s' },
    });
    expect(config.lineage).toEqual({
      catalogSyncIntervalMs: 5_000,
      catalogReconcileIntervalMs: 15 * MINUTE,
    });
    expect(config.openLineage.lastSeenResolutionMs).toBe(90 * MINUTE);
    expect(config.leases).toEqual({
      leaseMs: 20_000,
      renewEveryMs: 5_000,
      checkEveryMs: 5_000,
    });
    expect(config.health).toMatchObject({
      lookbackMs: 7 * DAY,
      backfillAfterMs: 2 * DAY,
      escalateAfterMs: 4 * HOUR,
      reopenWithinMs: 0,
      sweepIntervalMs: 30_000,
      sweepTimeoutMs: 2 * MINUTE,
      catalogSyncIntervalMs: MINUTE,
      catalogReconcileIntervalMs: HOUR,
    });
  });

  it('keeps the default SLA as ISO 8601 whatever form it was given in', () => {
    expect(
      read({ health: { defaultSla: { hours: 1, minutes: 30 } } }),
    ).toHaveProperty('health.defaultSla', 'PT1H30M');
    expect(read({ health: { defaultSla: 'P1D' } })).toHaveProperty(
      'health.defaultSla',
      'P1D',
    );
    expect(read({ health: { defaultSla: '6h' } })).toHaveProperty(
      'health.defaultSla',
      'PT6H',
    );
  });

  it('reads the job namespace, the ingestion limits and the demo feeder', () => {
    const config = read({
      openLineage: {
        defaultJobNamespace: 'airflow',
        maxBodySize: 4096,
        retentionDays: 7,
        seedFiles: ['events.ndjson'],
        maxEventsPerRequest: 500,
        maxNestingDepth: 32,
        maxDatasetsPerEvent: 200,
        deadLetters: {
          maxEvents: 100,
          retentionDays: 3,
          maxPayloadSize: '512kb',
        },
      },
      health: {
        runsPerSweep: 500,
        demoFeeder: {
          enabled: true,
          stalled: ['pipeline:default/a'],
          failing: ['pipeline:default/b'],
          historyDays: 1,
        },
      },
    });
    expect(config.defaultJobNamespace).toBe('airflow');
    expect(config.openLineage).toMatchObject({
      maxBodySize: 4096,
      retentionDays: 7,
      seedFiles: ['events.ndjson'],
      maxEventsPerRequest: 500,
      maxNestingDepth: 32,
      maxDatasetsPerEvent: 200,
      deadLetters: {
        maxEvents: 100,
        retentionDays: 3,
        maxPayloadBytes: 512 * 1024,
      },
    });
    expect(config.health.runsPerSweep).toBe(500);
    expect(config.health.demoFeeder).toEqual({
      enabled: true,
      stalled: ['pipeline:default/a'],
      failing: ['pipeline:default/b'],
      historyDays: 1,
    });
  });

  it.each([
    [
      { health: { sweepInterval: 'every minute' } },
      'dataPlatform.health.sweepInterval',
    ],
    [
      { health: { lookback: { fortnights: 1 } } },
      'dataPlatform.health.lookback',
    ],
    [{ health: { defaultSla: 3 } }, 'dataPlatform.health.defaultSla'],
    [
      { health: { escalateAfter: '-PT1H' } },
      'dataPlatform.health.escalateAfter',
    ],
    [{ health: { sweepTimeout: 'PT0S' } }, 'dataPlatform.health.sweepTimeout'],
    [{ quality: { queueBatch: 0 } }, 'dataPlatform.quality.queueBatch'],
    [
      { quality: { weights: { checks: -1 } } },
      'dataPlatform.quality.weights.checks',
    ],
    [
      { provisioning: { autoApply: 'everything' } },
      'dataPlatform.provisioning.autoApply',
    ],
    [
      { provisioning: { reconcileInterval: 'PT0S' } },
      'dataPlatform.provisioning.reconcileInterval',
    ],
    [
      { lineage: { catalogSyncInterval: 'soon' } },
      'dataPlatform.lineage.catalogSyncInterval',
    ],
    [
      { openLineage: { lastSeenResolution: 'P' } },
      'dataPlatform.openLineage.lastSeenResolution',
    ],
    [
      { openLineage: { retentionDays: 0 } },
      'dataPlatform.openLineage.retentionDays',
    ],
    [
      { openLineage: { maxBodySize: true } },
      'dataPlatform.openLineage.maxBodySize',
    ],
    [{ health: { runsPerSweep: -1 } }, 'dataPlatform.health.runsPerSweep'],
    [
      { openLineage: { maxNestingDepth: 0 } },
      'dataPlatform.openLineage.maxNestingDepth',
    ],
    [
      { openLineage: { deadLetters: { maxPayloadSize: 'huge' } } },
      'dataPlatform.openLineage.deadLetters.maxPayloadSize',
    ],
    [
      { openLineage: { mappings: { jobs: [{ name: 'model.(' }] } } },
      'dataPlatform.openLineage.mappings.jobs[0].name',
    ],
    [
      { leases: { duration: '10s', renewInterval: '6s' } },
      'dataPlatform.leases.renewInterval',
    ],
    [
      { leases: { checkInterval: 'PT0S' } },
      'dataPlatform.leases.checkInterval',
    ],
  ])('names the key of a bad value: %j', (dataPlatform, key) => {
    expect(() => read(dataPlatform)).toThrow(key);
  });
});
