import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { QualityCheck } from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityRunner } from '@dataplatform/backstage-plugin-data-platform-node';
import { setupServer } from 'msw/node';
import { liveTable } from '../__testUtils__/bigQueryAnswers';
import {
  answerCheckJobs,
  timestampCell,
} from '../__testUtils__/checkJobAnswers';
import {
  BIGQUERY,
  googleError,
  http,
  json,
  recordRequests,
  SeenRequest,
} from '../__testUtils__/googleApis';
import { PROJECT } from '../__testUtils__/platform';
import {
  testQualityRunner,
  trackPlayedTable,
} from '../__testUtils__/testQualityRunner';

const server = setupServer();
registerMswTestHooks(server);

const noon = {
  start: '2026-03-01T12:00:00.000Z',
  end: '2026-03-01T13:00:00.000Z',
};
const labels = {
  'dp-endpoint': 'dataendpoint:default/track-played-raw',
  'dp-partition': noon.start,
};
const TABLE_PATH = `${BIGQUERY}/projects/${PROJECT}/datasets/events/tables/track_played`;

const checks: QualityCheck[] = [
  { type: 'null_rate', column: 'user_id', maxNullRate: 0.01 },
  { type: 'uniqueness', column: 'event_id' },
  {
    type: 'accepted_values',
    column: 'context.device.os',
    values: ['ios', 'android', 'web'],
  },
  { type: 'range', column: 'ms_played', min: 0, max: 600000 },
  { type: 'range', column: 'event_time', min: noon.start, max: noon.end },
  {
    name: 'no-negative-durations',
    type: 'custom_sql',
    sql: 'SELECT event_id FROM `tunewave-raw.events.track_played` WHERE ms_played < 0',
  },
  // The live table has no such column: only this check fails.
  { type: 'null_rate', column: 'country', maxNullRate: 0.5 },
];

/** The scan's row as BigQuery returns it, aliases in the compiler's order. */
const scanRow = [
  { name: 'm0', type: 'INTEGER', value: 1_204_113 },
  { name: 'm1', type: 'INTEGER', value: 1_204_113 },
  { name: 'm2', type: 'INTEGER', value: 1_204_113 },
  { name: 'm3', type: 'INTEGER', value: 1_204_101 },
  { name: 'm4', type: 'INTEGER', value: 37 },
  { name: 'm5', type: 'INTEGER', value: -12 },
  { name: 'm6', type: 'INTEGER', value: 599_870 },
  {
    name: 'm7',
    type: 'TIMESTAMP',
    value: timestampCell('2026-03-01T12:00:00.114Z'),
  },
  {
    name: 'm8',
    type: 'TIMESTAMP',
    value: timestampCell('2026-03-01T12:59:59.870Z'),
  },
  { name: 'm9', type: 'INTEGER', value: 3 },
];

function answerLiveTable() {
  server.use(http.get(TABLE_PATH, () => json(liveTable())));
}

/** Runs every check of `checks` on the noon partition of track_played. */
const checkNoon = (
  runner: QualityRunner,
  logger: ReturnType<typeof testQualityRunner>['logger'],
) =>
  runner.runPartition({
    table: trackPlayedTable(),
    checks,
    partition: noon,
    labels,
    logger,
  });

const jobInserts = (seen: SeenRequest[]) =>
  seen.filter(r => r.method === 'POST' && r.path.endsWith('/jobs'));

describe('BigQueryQualityRunner', () => {
  beforeEach(() => {
    delete process.env.BIGQUERY_EMULATOR_HOST;
  });

  it('dry-runs the scan, then runs it as one capped, labelled job and reads its row and costs', async () => {
    const { runner, logger } = testQualityRunner();
    const seen = recordRequests(server);
    answerLiveTable();
    answerCheckJobs(server, {
      estimatedBytes: [734_003_200],
      rows: [scanRow],
      slotMs: [48_211],
      pollsBeforeDone: 1,
    });

    const outcome = await checkNoon(runner, logger);

    const jobId = jobInserts(seen)[1].body.jobReference.jobId;
    expect(seen.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /bigquery/v2/projects/${PROJECT}/datasets/events/tables/track_played`,
      `POST /bigquery/v2/projects/${PROJECT}/jobs`,
      `POST /bigquery/v2/projects/${PROJECT}/jobs`,
      `GET /bigquery/v2/projects/${PROJECT}/queries/${jobId}`,
      `GET /bigquery/v2/projects/${PROJECT}/queries/${jobId}`,
      `GET /bigquery/v2/projects/${PROJECT}/jobs/${jobId}`,
    ]);
    const [dryRun, job] = jobInserts(seen).map(r => r.body);
    const bounds = [
      {
        parameterType: { type: 'TIMESTAMP' },
        parameterValue: { value: noon.start },
      },
      {
        parameterType: { type: 'TIMESTAMP' },
        parameterValue: { value: noon.end },
      },
    ];
    const accepted = ['ios', 'android', 'web'].map(value => ({
      parameterType: { type: 'STRING' },
      parameterValue: { value },
    }));
    expect(dryRun.configuration).toEqual({
      dryRun: true,
      query: {
        query: expect.any(String),
        useLegacySql: false,
        parameterMode: 'positional',
        queryParameters: [...bounds, ...accepted],
      },
    });
    const sql: string = dryRun.configuration.query.query;
    expect(sql).toContain(
      'WITH `track_played` AS (SELECT * FROM `tunewave-raw.events.track_played` WHERE `event_time` >= CAST(? AS TIMESTAMP) AND `event_time` < CAST(? AS TIMESTAMP))',
    );
    expect(sql).not.toContain('`country`');
    expect(job.jobReference).toEqual({
      projectId: PROJECT,
      jobId: expect.stringMatching(/^dp_quality_[0-9a-f_]{36}$/),
      location: 'EU',
    });
    expect(job.configuration).toEqual({
      query: {
        query: sql,
        useLegacySql: false,
        parameterMode: 'positional',
        queryParameters: [...bounds, ...accepted],
        maximumBytesBilled: '10737418240',
      },
      labels: {
        'managed-by': 'backstage-data-platform',
        'dp-endpoint': 'dataendpoint_default_track-played-raw',
        'dp-partition': '2026-03-01t12_00_00_000z',
        'dp-check-run': 'scan',
      },
    });

    expect(outcome.metrics).toEqual({
      rowCount: 1_204_113,
      columns: {
        user_id: { nonNullCount: 1_204_113 },
        event_id: { nonNullCount: 1_204_113, distinctCount: 1_204_101 },
        ms_played: { min: -12, max: 599_870 },
        event_time: {
          min: '2026-03-01T12:00:00.114Z',
          max: '2026-03-01T12:59:59.870Z',
        },
      },
      checks: {
        'accepted_values:context.device.os': { outsideAccepted: 37 },
        'no-negative-durations': { failingRows: 3 },
      },
      errors: { 'null_rate:country': 'the table has no column country' },
    });
    expect(outcome.queries).toEqual([
      {
        sql,
        bindings: [noon.start, noon.end, 'ios', 'android', 'web'],
        estimatedBytes: 734_003_200,
        bytesProcessed: 734_003_200,
        bytesBilled: 734_003_200,
        slotMs: 48_211,
        durationMs: 1450,
        jobId: `${PROJECT}:EU.${jobId}`,
      },
    ]);
    expect(outcome.observedFields?.map(f => `${f.name} ${f.type}`)).toEqual([
      'event_id STRING',
      'event_time TIMESTAMP',
      'user_id STRING',
      'ms_played INT64',
      'context RECORD',
      'tracks RECORD',
      'legacy_flag BOOL',
    ]);
  });

  it('runs one more capped job for a composite uniqueness key', async () => {
    const { runner, logger } = testQualityRunner();
    const seen = recordRequests(server);
    answerLiveTable();
    answerCheckJobs(server, {
      estimatedBytes: [52_428_800, 104_857_600],
      rows: [
        [
          { name: 'm0', type: 'INTEGER', value: 1000 },
          { name: 'm1', type: 'INTEGER', value: 990 },
        ],
        [{ name: 'm0', type: 'INTEGER', value: 4 }],
      ],
    });

    const outcome = await runner.runPartition({
      table: trackPlayedTable(),
      checks: [
        { type: 'null_rate', column: 'ms_played' },
        { type: 'uniqueness', columns: ['user_id', 'event_time'] },
      ],
      partition: noon,
      labels,
      logger,
    });

    const inserts = jobInserts(seen).map(r => r.body.configuration);
    expect(inserts.map(c => Boolean(c.dryRun))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(inserts[3].query.query).toContain(
      'GROUP BY `user_id`, `event_time` HAVING COUNT(*) > 1',
    );
    expect(inserts[3].labels['dp-check-run']).toBe('duplicate-keys');
    expect(inserts[3].query.maximumBytesBilled).toBe('10737418240');
    expect(outcome.metrics).toMatchObject({
      rowCount: 1000,
      columns: { ms_played: { nonNullCount: 990 } },
      checks: { 'uniqueness:user_id+event_time': { duplicateRows: 4 } },
    });
    expect(outcome.queries.map(q => q.bytesBilled)).toEqual([
      52_428_800, 104_857_600,
    ]);
  });

  it('sends the bounds of a DATE partition column as DATEs', async () => {
    const { runner, logger } = testQualityRunner();
    const seen = recordRequests(server);
    const daily = liveTable();
    daily.schema.fields.push({
      name: 'event_date',
      type: 'DATE',
      mode: 'NULLABLE',
    });
    server.use(http.get(TABLE_PATH, () => json(daily)));
    answerCheckJobs(server, {
      estimatedBytes: [1024],
      rows: [[{ name: 'm0', type: 'INTEGER', value: 12 }]],
    });

    await runner.runPartition({
      table: trackPlayedTable({
        partitioning: { field: 'event_date', granularity: 'DAY' },
      }),
      checks: [],
      partition: {
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
      },
      labels,
      logger,
    });

    const [dryRun] = jobInserts(seen).map(r => r.body.configuration.query);
    expect(dryRun.query).toContain('`event_date` >= CAST(? AS DATE)');
    expect(dryRun.queryParameters).toEqual([
      {
        parameterType: { type: 'DATE' },
        parameterValue: { value: '2026-03-01' },
      },
      {
        parameterType: { type: 'DATE' },
        parameterValue: { value: '2026-03-02' },
      },
    ]);
  });

  it('refuses a partition whose dry run scans more than the cap, running no job', async () => {
    const { runner, logger } = testQualityRunner({
      maximumBytesBilled: 1024 ** 3,
    });
    const seen = recordRequests(server);
    answerLiveTable();
    answerCheckJobs(server, {
      estimatedBytes: [5 * 1024 ** 3 + 512 * 1024 ** 2],
      rows: [],
    });

    await expect(checkNoon(runner, logger)).rejects.toThrow(
      'The checks of tunewave-raw.events.track_played would scan 5.5 GiB (5,905,580,032 bytes), more than the cap of 1 GiB (1,073,741,824 bytes) (dataPlatform.gcp.quality.maximumBytesBilled); they were not run',
    );
    expect(jobInserts(seen).map(r => r.body.configuration.dryRun)).toEqual([
      true,
    ]);
  });

  it.each([
    ['in the answer to its insert', 'insert'],
    ['when its results are read', 'results'],
  ])(
    'reports a job BigQuery stopped at the cap (bytesBilledLimitExceeded) %s',
    async (_when, where) => {
      const { runner, logger } = testQualityRunner();
      answerLiveTable();
      const failure = {
        reason: 'bytesBilledLimitExceeded',
        message:
          'Query exceeded limit for bytes billed: 10737418240. 11534336000 or higher required.',
      };
      answerCheckJobs(server, {
        estimatedBytes: [734_003_200],
        rows: [scanRow],
        ...(where === 'insert' ? { insertFailure: failure } : {}),
      });
      if (where === 'results') {
        server.use(
          http.get(`${BIGQUERY}/projects/${PROJECT}/queries/:jobId`, () =>
            googleError(400, failure.message, {
              reason: failure.reason,
              status: 'INVALID_ARGUMENT',
            }),
          ),
        );
      }

      await expect(checkNoon(runner, logger)).rejects.toThrow(
        'BigQuery stopped the checks of tunewave-raw.events.track_played at the cap of 10 GiB (10,737,418,240 bytes) (dataPlatform.gcp.quality.maximumBytesBilled): Query exceeded limit for bytes billed: 10737418240. 11534336000 or higher required.',
      );
    },
  );

  it('names the permissions a refusal (403 accessDenied) is about, without retrying it', async () => {
    const { runner, logger } = testQualityRunner();
    const seen = recordRequests(server);
    answerLiveTable();
    server.use(
      http.post(`${BIGQUERY}/projects/${PROJECT}/jobs`, () =>
        googleError(
          403,
          'Access Denied: Project tunewave-raw: User does not have bigquery.jobs.create permission in project tunewave-raw.',
          { reason: 'accessDenied', status: 'PERMISSION_DENIED' },
        ),
      ),
    );

    const run = checkNoon(runner, logger);

    await expect(run).rejects.toThrow(
      "BigQuery refused the checks of tunewave-raw.events.track_played: Access Denied: Project tunewave-raw: User does not have bigquery.jobs.create permission in project tunewave-raw. The backend's account needs bigquery.jobs.create in the project tunewave-raw (roles/bigquery.jobUser), and bigquery.tables.get and bigquery.tables.getData on the table (roles/bigquery.dataViewer)",
    );
    expect(jobInserts(seen)).toHaveLength(1);
  });

  it('says so when the table is not in BigQuery', async () => {
    const { runner, logger } = testQualityRunner();
    server.use(
      http.get(TABLE_PATH, () =>
        googleError(404, 'Not found: Table tunewave-raw:events.track_played', {
          reason: 'notFound',
          status: 'NOT_FOUND',
        }),
      ),
    );

    await expect(checkNoon(runner, logger)).rejects.toThrow(
      'tunewave-raw.events.track_played was not found in BigQuery: Not found: Table tunewave-raw:events.track_played',
    );
  });
});
