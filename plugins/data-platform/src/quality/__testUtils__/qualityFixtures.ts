import type {
  DataEndpointEntity,
  EndpointQuality,
  EndpointScore,
  QualityResultView,
  QualityScoreSummary,
  VolumePoint,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { trackPlayedHourly } from '../../__testUtils__/fixtures';

/*
 * An hourly table's quality as the backend reports it an hour into the
 * day: the newest partition lost a fifth of its user ids (a critical
 * check failed) and came in thin; a dbt test failed two hours back; the
 * score lost points for both, for a volume anomaly and for undocumented
 * fields. Times are relative to when this module loads.
 */

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

export const QUALITY_NOW = Date.now();
export const THIS_HOUR = Math.floor(QUALITY_NOW / HOUR) * HOUR;
export const iso = (ms: number) => new Date(ms).toISOString();

/** The six partitions of the grid, newest first. */
export const partitions = [1, 2, 3, 4, 5, 6].map(h =>
  iso(THIS_HOUR - h * HOUR),
);
export const [NEWEST, SECOND, THIRD] = partitions;

export const endpointRef = 'dataendpoint:default/track-played-hourly';

/** The fixtures' hourly table, with severities and a learned volume check. */
export const playsHourly: DataEndpointEntity = {
  ...trackPlayedHourly,
  spec: {
    ...trackPlayedHourly.spec,
    quality: [
      { type: 'freshness', maxDelay: 'PT2H' },
      { type: 'volume', minRows: 100 },
      {
        name: 'users are known',
        type: 'null_rate',
        column: 'user_id',
        maxNullRate: 0.001,
        severity: 'critical',
      },
      {
        name: 'no negative playtime',
        type: 'custom_sql',
        sql: 'SELECT * FROM t WHERE ms_played < 0',
      },
      { type: 'volume_anomaly' },
    ],
  },
};

export const scanSql =
  'SELECT COUNT(*) AS "row_count", COUNT("user_id") AS "non_null__user_id" FROM "listening__track_played_hourly" WHERE "event_time" >= ? AND "event_time" < ?';

function result(
  partition: string,
  fields: Partial<QualityResultView> & Pick<QualityResultView, 'name'>,
): QualityResultView {
  return {
    type: 'freshness',
    severity: 'warning',
    status: 'pass',
    metric: 'lateness',
    message: `${fields.name} passed`,
    source: 'local-warehouse',
    partition,
    evaluatedAt: iso(Date.parse(partition) + 2 * HOUR - 10 * 60_000),
    ...fields,
  };
}

function results(): QualityResultView[] {
  const list: QualityResultView[] = [];
  partitions.forEach((p, i) => {
    list.push(result(p, { name: 'freshness' }));
    list.push(
      result(p, { name: 'volume', type: 'volume', metric: 'row_count' }),
    );
    list.push(
      i === 0
        ? result(p, {
            name: 'users are known',
            type: 'null_rate',
            column: 'user_id',
            severity: 'critical',
            status: 'fail',
            metric: 'null_rate',
            expected: 'at most 0.1%',
            actual: 0.032,
            message: 'null rate of user_id 3.2% > 0.1%',
            evaluatedAt: iso(QUALITY_NOW - 30 * 60_000),
            run: {
              id: 41,
              queries: [
                {
                  sql: scanSql,
                  bindings: [p, iso(Date.parse(p) + HOUR)],
                  bytesProcessed: 52_428_800,
                  bytesBilled: 52_428_800,
                  slotMs: 1250,
                  durationMs: 840,
                  jobId: 'job_7f3a',
                },
              ],
            },
          })
        : result(p, {
            name: 'users are known',
            type: 'null_rate',
            column: 'user_id',
            severity: 'critical',
            metric: 'null_rate',
          }),
    );
    list.push(
      i === 5
        ? result(p, {
            name: 'no negative playtime',
            type: 'custom_sql',
            status: 'not_run',
            metric: 'failing_rows',
            message: 'the partition has no rows yet',
          })
        : result(p, {
            name: 'no negative playtime',
            type: 'custom_sql',
            metric: 'failing_rows',
          }),
    );
    list.push(
      result(p, {
        name: 'volume_anomaly',
        type: 'volume_anomaly',
        metric: 'row_count',
        status: i === 2 ? 'fail' : 'pass',
        message:
          i === 2 ? '120 rows, below the expected 800–1,200' : 'rows in band',
      }),
    );
    if (i < 3) {
      list.push(
        result(p, {
          name: 'not_null_track_id',
          type: 'assertion',
          source: 'dbt',
          metric: 'not_null',
          column: 'track_id',
          status: i === 1 ? 'fail' : 'pass',
          message: `not_null_track_id: ${i === 1 ? 'failed' : 'passed'} in dbt`,
          evaluatedAt: iso(Date.parse(p) + HOUR),
        }),
      );
    }
  });
  return list;
}

/** The score: 100 − 11 − 2 − 3 − 3 = 81. */
export function score(): EndpointScore & { day: string } {
  return {
    day: iso(QUALITY_NOW).slice(0, 10),
    score: 81,
    components: {
      timeliness: { score: 100, weight: 0.25, deductions: [] },
      checks: {
        score: 63,
        weight: 0.35,
        deductions: [
          {
            points: 11,
            reason:
              'users are known (critical) failed 30m ago: null rate of user_id 3.2% > 0.1%',
            checkName: 'users are known',
            severity: 'critical',
            age: 30 * 60_000,
          },
          {
            points: 2,
            reason: 'not_null_track_id (warning) failed 1h ago',
            checkName: 'not_null_track_id',
            severity: 'warning',
            age: HOUR,
          },
        ],
      },
      volume: {
        score: 83,
        weight: 0.2,
        deductions: [
          {
            points: 3,
            reason:
              'volume_anomaly: 1 of 6 recent partitions outside the expected volume',
            checkName: 'volume_anomaly',
            severity: 'warning',
            age: 4 * HOUR,
          },
        ],
      },
      stewardship: {
        score: 85,
        weight: 0.2,
        deductions: [
          { points: 3, reason: '2 of 12 fields have no description' },
        ],
      },
    },
  };
}

/** Same hour of the week over four weeks, the last day hourly, the newest thin. */
export function volumeHistory(): VolumePoint[] {
  const points: VolumePoint[] = [];
  [4, 3, 2, 1].forEach((w, i) =>
    points.push({
      partition: iso(Date.parse(NEWEST) - w * WEEK),
      rows: [950, 1010, 1000, 1040][i],
    }),
  );
  for (let h = 24; h >= 1; h--) {
    const at = THIS_HOUR - h * HOUR;
    const thin: Record<number, number> = { 1: 400, 3: 120 };
    points.push({ partition: iso(at), rows: thin[h] ?? 980 + (h % 5) * 10 });
  }
  return points;
}

/** The whole Quality tab answer; the fake backend fills in the band. */
export function endpointQuality(): EndpointQuality {
  return {
    entityRef: endpointRef,
    runner: { id: 'local-warehouse', title: 'the local warehouse' },
    checks: [
      { name: 'freshness', type: 'freshness', severity: 'warning' },
      { name: 'volume', type: 'volume', severity: 'warning' },
      {
        name: 'users are known',
        type: 'null_rate',
        column: 'user_id',
        severity: 'critical',
      },
      { name: 'no negative playtime', type: 'custom_sql', severity: 'warning' },
      { name: 'volume_anomaly', type: 'volume_anomaly', severity: 'warning' },
    ],
    score: score(),
    trend: Array.from({ length: 30 }, (_, i) => ({
      day: iso(QUALITY_NOW - (29 - i) * 24 * HOUR).slice(0, 10),
      score: ({ 12: 64, 29: 81 } as Record<number, number>)[i] ?? 95,
    })),
    partitions,
    results: results(),
    volume: { history: volumeHistory(), markedNormal: [] },
    queued: 0,
    canRun: true,
  };
}

/** Endpoints of group playback with their scores, in no order. */
export const playbackScores: QualityScoreSummary[] = [
  {
    entityRef: endpointRef,
    title: 'Track played, hourly',
    score: 81,
    day: score().day,
    weakest: 'checks',
  },
  {
    entityRef: 'dataendpoint:default/plays-daily',
    title: 'Plays, daily',
    score: 97,
    day: score().day,
  },
  {
    entityRef: 'dataendpoint:default/skips-hourly',
    title: 'Skips, hourly',
    score: 58,
    day: score().day,
    weakest: 'timeliness',
  },
];
