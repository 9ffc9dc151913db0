import type {
  DataEndpointEntity,
  EndpointFreshness,
  OnCallRow,
  PipelineCurrentState,
  PartitionStatus,
  PipelineAlert,
  PipelineEntity,
  PipelineHealth,
  PipelineRun,
} from '@dataplatform/backstage-plugin-data-platform-common';

/*
 * The example platform's health as the backend would report it right now:
 * plays-daily-aggregate late because plays-hourly-clean upstream is late,
 * subscriber-cohorts-dbt failing, the rest healthy. Times are relative to
 * the moment the test module loads, so "late by" and "since" read naturally.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When this module loaded: the fixtures' times are relative to it. */
export const FIXTURE_NOW = Date.now();
/** The start of the current UTC hour. */
export const NOW_HOUR = Math.floor(FIXTURE_NOW / HOUR) * HOUR;
/** The start of the current UTC day. */
export const TODAY = Math.floor(FIXTURE_NOW / DAY) * DAY;
/**
 * Midnight UTC after the start of the current Europe/Stockholm (winter time)
 * day: its daily partitions start at 23:00 UTC, so from 23:00 UTC on a new
 * one has begun and the grid shows it as the newest cell.
 */
const COHORTS_DAY = Math.floor((FIXTURE_NOW + HOUR) / DAY) * DAY;

/**
 * Stops `Date` (timers stay real) at FIXTURE_NOW for the test file that calls
 * this, so that a run crossing the hour does not move the grid's current
 * period away from the fixtures'.
 */
export function freezeDateAtFixtures() {
  beforeAll(() => {
    jest.useFakeTimers({
      now: FIXTURE_NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterAll(() => {
    jest.useRealTimers();
  });
}

export const iso = (ms: number) => new Date(ms).toISOString();

export const refs = {
  playsHourlyClean: 'pipeline:default/plays-hourly-clean',
  playsDailyAggregate: 'pipeline:default/plays-daily-aggregate',
  subscriberCohorts: 'pipeline:default/subscriber-cohorts-dbt',
  userListeningRollup: 'pipeline:default/user-listening-rollup',
  playbackErrorsRollup: 'pipeline:default/playback-errors-rollup',
  playback: 'group:default/playback',
  listeningInsights: 'group:default/listening-insights',
  dataInfrastructure: 'group:default/data-infrastructure',
  guest: 'user:development/guest',
};

/** The guest's ownership refs in the example org. */
export const guestOwnership = [
  refs.guest,
  refs.dataInfrastructure,
  refs.listeningInsights,
];

export const playsHourlyCleanRow: OnCallRow = {
  pipelineRef: refs.playsHourlyClean,
  title: 'Clean plays, hourly',
  owner: refs.playback,
  lifecycle: 'production',
  state: 'late',
  partition: iso(NOW_HOUR - 5 * HOUR),
  lateByMs: 2 * HOUR + 10 * 60_000,
  since: iso(NOW_HOUR - 2 * HOUR),
  alert: { id: 'alert-phc', state: 'open', severity: 'critical' },
};

export const playsDailyAggregateRow: OnCallRow = {
  pipelineRef: refs.playsDailyAggregate,
  title: 'Plays per track, daily',
  owner: refs.listeningInsights,
  lifecycle: 'production',
  state: 'late',
  partition: iso(TODAY - DAY),
  lateByMs: 75 * 60_000,
  since: iso(FIXTURE_NOW - 75 * 60_000),
  rootCause: {
    chain: [
      {
        pipelineRef: refs.playsHourlyClean,
        partition: iso(NOW_HOUR - 5 * HOUR),
        state: 'late',
      },
    ],
  },
  rootCauseOwner: refs.playback,
  alert: { id: 'alert-pda', state: 'open', severity: 'high' },
};

export const subscriberCohortsRow: OnCallRow = {
  pipelineRef: refs.subscriberCohorts,
  title: 'Subscriber cohorts (dbt)',
  owner: refs.listeningInsights,
  lifecycle: 'production',
  state: 'failed',
  partition: iso(COHORTS_DAY - DAY - HOUR),
  since: iso(FIXTURE_NOW - 3 * HOUR),
  failureReason: 'dbt test retained_lte_started failed: 14 rows',
  alert: { id: 'alert-scd', state: 'open', severity: 'critical' },
};

export const userListeningRollupRow: OnCallRow = {
  pipelineRef: refs.userListeningRollup,
  title: 'Listening per user, daily',
  owner: refs.listeningInsights,
  lifecycle: 'production',
  state: 'healthy',
  partition: iso(TODAY - DAY),
};

export const playbackErrorsRollupRow: OnCallRow = {
  pipelineRef: refs.playbackErrorsRollup,
  title: 'Playback errors rollup',
  owner: refs.playback,
  lifecycle: 'production',
  state: 'landed_on_time',
  partition: iso(NOW_HOUR - HOUR),
};

/** A row's current state, as PipelineHealth.current carries it. */
export function currentOf(row: OnCallRow): PipelineCurrentState {
  const { pipelineRef, title, owner, lifecycle, ...current } = row;
  return structuredClone(current);
}

/** Every pipeline of the fake backend, in no particular order. */
export function onCallRows(): OnCallRow[] {
  return structuredClone([
    userListeningRollupRow,
    playsDailyAggregateRow,
    playbackErrorsRollupRow,
    subscriberCohortsRow,
    playsHourlyCleanRow,
  ]);
}

/** Hourly runs and partitions of plays-hourly-clean over the last 48 hours. */
export function playsHourlyCleanHealth(): PipelineHealth {
  const runs: PipelineRun[] = [];
  const partitions: PartitionStatus[] = [];
  for (let h = 47; h >= 0; h--) {
    const start = NOW_HOUR - h * HOUR;
    const partition = iso(start);
    const deadline = iso(start + 3 * HOUR);
    if (h >= 5) {
      const failedFirst = h === 20;
      if (failedFirst) {
        runs.push({
          runId: `run-${h}-1`,
          pipelineRef: refs.playsHourlyClean,
          partition,
          state: 'FAIL',
          attempt: 1,
          startedAt: iso(start + HOUR + 5 * 60_000),
          endedAt: iso(start + HOUR + 9 * 60_000),
          durationMs: 4 * 60_000,
          failureReason: 'OutOfMemoryError in SkipMatcher',
        });
      }
      const durationMs = (12 + (h % 7)) * 60_000;
      const startedAt = start + HOUR + (failedFirst ? 20 : 5) * 60_000;
      runs.push({
        runId: `run-${h}`,
        pipelineRef: refs.playsHourlyClean,
        partition,
        state: 'COMPLETE',
        attempt: failedFirst ? 2 : 1,
        startedAt: iso(startedAt),
        endedAt: iso(startedAt + durationMs),
        durationMs,
      });
      partitions.push({
        pipelineRef: refs.playsHourlyClean,
        partition,
        periodEnd: iso(start + HOUR),
        deadline,
        state: 'landed_on_time',
        landedAt: iso(startedAt + durationMs),
        attempts: failedFirst ? 2 : 1,
        latestRunId: `run-${h}`,
      });
    } else if (h >= 2) {
      partitions.push({
        pipelineRef: refs.playsHourlyClean,
        partition,
        periodEnd: iso(start + HOUR),
        deadline,
        state: 'late',
        lateByMs: NOW_HOUR - (start + 3 * HOUR),
        attempts: 0,
      });
    } else {
      partitions.push({
        pipelineRef: refs.playsHourlyClean,
        partition,
        periodEnd: iso(start + HOUR),
        deadline,
        state: 'pending',
        attempts: 0,
      });
    }
  }
  const alerts: PipelineAlert[] = [
    {
      id: 'alert-phc',
      pipelineRef: refs.playsHourlyClean,
      problem: 'late',
      partition: iso(NOW_HOUR - 5 * HOUR),
      severity: 'critical',
      state: 'open',
      openedAt: iso(NOW_HOUR - 2 * HOUR),
      history: [
        { at: iso(NOW_HOUR - 2 * HOUR), action: 'opened', by: 'system' },
        {
          at: iso(NOW_HOUR - 2 * HOUR + 60_000),
          action: 'notified',
          by: 'system',
          note: 'group:default/playback',
        },
        {
          at: iso(NOW_HOUR - HOUR),
          action: 'escalated',
          by: 'system',
          note: 'high -> critical',
        },
      ],
    },
    {
      id: 'alert-phc-old',
      pipelineRef: refs.playsHourlyClean,
      problem: 'failed',
      partition: iso(NOW_HOUR - 21 * HOUR),
      severity: 'normal',
      state: 'resolved',
      openedAt: iso(NOW_HOUR - 20 * HOUR + 10 * 60_000),
      acknowledgedBy: 'user:default/astrid.lindqvist',
      acknowledgedAt: iso(NOW_HOUR - 20 * HOUR + 12 * 60_000),
      resolvedAt: iso(NOW_HOUR - 20 * HOUR + 40 * 60_000),
      history: [
        {
          at: iso(NOW_HOUR - 20 * HOUR + 10 * 60_000),
          action: 'opened',
          by: 'system',
        },
        {
          at: iso(NOW_HOUR - 20 * HOUR + 12 * 60_000),
          action: 'acknowledged',
          by: 'user:default/astrid.lindqvist',
        },
        {
          at: iso(NOW_HOUR - 20 * HOUR + 40 * 60_000),
          action: 'resolved',
          by: 'system',
          note: 'The partition landed',
        },
      ],
    },
  ];
  return {
    pipelineRef: refs.playsHourlyClean,
    current: {
      ...currentOf(playsHourlyCleanRow),
      lastPartition: iso(NOW_HOUR - 2 * HOUR),
    },
    runs,
    partitions,
    alerts,
  };
}

function partitionState(failed: boolean, daysAgo: number) {
  if (failed) return 'failed' as const;
  return daysAgo === 12
    ? ('landed_late' as const)
    : ('landed_on_time' as const);
}

/** Daily partitions of subscriber-cohorts-dbt over the last 30 days, the newest failed. */
export function subscriberCohortsHealth(): PipelineHealth {
  const runs: PipelineRun[] = [];
  const partitions: PartitionStatus[] = [];
  for (let d = 30; d >= 1; d--) {
    const start = COHORTS_DAY - d * DAY - HOUR;
    const partition = iso(start);
    const failed = d === 1;
    const durationMs = (20 + (d % 5) * 3) * 60_000;
    const startedAt = start + DAY + 8 * HOUR;
    runs.push({
      runId: `cohorts-${d}`,
      pipelineRef: refs.subscriberCohorts,
      partition,
      state: failed ? 'FAIL' : 'COMPLETE',
      attempt: 1,
      startedAt: iso(startedAt),
      endedAt: iso(startedAt + durationMs),
      durationMs,
      failureReason: failed
        ? 'dbt test retained_lte_started failed: 14 rows'
        : undefined,
    });
    partitions.push({
      pipelineRef: refs.subscriberCohorts,
      partition,
      periodEnd: iso(start + DAY),
      deadline: iso(start + DAY + 9 * HOUR),
      state: partitionState(failed, d),
      landedAt: failed ? undefined : iso(startedAt + durationMs),
      lateByMs: d === 12 ? 40 * 60_000 : undefined,
      attempts: 1,
      latestRunId: `cohorts-${d}`,
      failureReason: failed
        ? 'dbt test retained_lte_started failed: 14 rows'
        : undefined,
    });
  }
  // today's (Stockholm) partition: its period has not ended yet
  partitions.push({
    pipelineRef: refs.subscriberCohorts,
    partition: iso(COHORTS_DAY - HOUR),
    periodEnd: iso(COHORTS_DAY - HOUR + DAY),
    deadline: iso(COHORTS_DAY - HOUR + DAY + 9 * HOUR),
    state: 'pending',
    attempts: 0,
  });
  return {
    pipelineRef: refs.subscriberCohorts,
    current: currentOf(subscriberCohortsRow),
    runs,
    partitions,
    alerts: [
      {
        id: 'alert-scd',
        pipelineRef: refs.subscriberCohorts,
        problem: 'failed',
        partition: iso(COHORTS_DAY - DAY - HOUR),
        severity: 'critical',
        state: 'open',
        openedAt: iso(FIXTURE_NOW - 3 * HOUR),
        history: [
          { at: iso(FIXTURE_NOW - 3 * HOUR), action: 'opened', by: 'system' },
        ],
      },
    ],
  };
}

/** plays-daily-by-track: late, because its writer plays-daily-aggregate is. */
export const playsDailyByTrackFreshness: EndpointFreshness = {
  endpointRef: 'dataendpoint:default/plays-daily-by-track',
  latestPartition: iso(TODAY - 2 * DAY),
  landedAt: iso(TODAY - DAY + 4 * HOUR + 12 * 60_000),
  state: 'late',
  writers: [
    {
      pipelineRef: refs.playsDailyAggregate,
      state: 'late',
      partition: iso(TODAY - DAY),
    },
  ],
};

const API_VERSION = 'dataplatform.io/v1alpha1' as const;

/** The example's hourly pipeline, as the catalog serves it. */
export const playsHourlyCleanEntity: PipelineEntity = {
  apiVersion: API_VERSION,
  kind: 'Pipeline',
  metadata: {
    name: 'plays-hourly-clean',
    namespace: 'default',
    title: 'Clean plays, hourly',
  },
  spec: {
    owner: 'playback',
    lifecycle: 'production',
    engine: 'scio',
    schedule: { type: 'hourly' },
    sla: { deadline: 'PT2H' },
    inputs: ['track-played-raw'],
    outputs: ['plays-hourly'],
  },
  relations: [{ type: 'ownedBy', targetRef: refs.playback }],
};

/** The example's daily dbt pipeline on a Stockholm cron. */
export const subscriberCohortsEntity: PipelineEntity = {
  apiVersion: API_VERSION,
  kind: 'Pipeline',
  metadata: { name: 'subscriber-cohorts-dbt', namespace: 'default' },
  spec: {
    owner: 'listening-insights',
    lifecycle: 'production',
    engine: 'dbt',
    schedule: { type: 'cron', cron: '0 7 * * *', timezone: 'Europe/Stockholm' },
    sla: { deadline: 'PT9H' },
    inputs: ['subscriptions-daily'],
    outputs: ['subscriber-cohorts'],
  },
  relations: [{ type: 'ownedBy', targetRef: refs.listeningInsights }],
};

/** An endpoint written by plays-daily-aggregate. */
export const playsDailyByTrackEntity: DataEndpointEntity = {
  apiVersion: API_VERSION,
  kind: 'DataEndpoint',
  metadata: { name: 'plays-daily-by-track', namespace: 'default' },
  spec: {
    type: 'bigquery-table',
    owner: 'listening-insights',
    lifecycle: 'production',
    location: {
      project: 'tw-listening',
      dataset: 'insights',
      table: 'plays_daily_by_track',
    },
  },
};
