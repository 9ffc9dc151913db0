import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { timestampCell } from '../__testUtils__/checkJobAnswers';
import {
  BIGQUERY,
  googleError,
  http,
  json,
  queryAnswer,
  recordRequests,
} from '../__testUtils__/googleApis';
import { PROJECT } from '../__testUtils__/platform';
import {
  testQualityRunner,
  trackPlayedTable,
} from '../__testUtils__/testQualityRunner';

const server = setupServer();
registerMswTestHooks(server);

const PARTITION_COLUMNS = [
  { name: 'table_name', type: 'STRING' },
  { name: 'partition_id', type: 'STRING' },
  { name: 'total_rows', type: 'INTEGER' },
  { name: 'last_modified_time', type: 'TIMESTAMP' },
];

const partition = (
  table: string,
  id: string,
  rows: number,
  lastModified: string,
) => ({
  table_name: table,
  partition_id: id,
  total_rows: rows,
  last_modified_time: timestampCell(lastModified),
});

/** A table of the events dataset (or another), hourly unless told. */
const table = (
  name: string,
  options: { dataset?: string; granularity?: 'HOUR' | 'DAY' } = {},
) =>
  trackPlayedTable({
    endpointRef: `dataendpoint:default/${name.replace(/_/g, '-')}`,
    address: {
      project: PROJECT,
      dataset: options.dataset ?? 'events',
      table: name,
    },
    partitioning: {
      field: 'event_time',
      granularity: options.granularity ?? 'HOUR',
    },
  });

function answerPartitions(rows: Record<string, unknown>[]) {
  server.use(
    http.post(`${BIGQUERY}/projects/${PROJECT}/queries`, () =>
      json(queryAnswer(PROJECT, 'EU', PARTITION_COLUMNS, rows)),
    ),
  );
}

describe('partition metadata from INFORMATION_SCHEMA.PARTITIONS', () => {
  beforeEach(() => {
    delete process.env.BIGQUERY_EMULATOR_HOST;
  });

  it('reads rows and last writes of hourly and daily partitions since a time in one query per dataset', async () => {
    const { runner, logger } = testQualityRunner();
    const seen = recordRequests(server);
    answerPartitions([
      partition('track_played', '2026030106', 51_200, '2026-03-01T07:04:11Z'),
      partition('track_played', '2026030107', 49_873, '2026-03-01T08:03:52Z'),
      partition('track_played', '__NULL__', 4, '2026-03-01T07:10:00Z'),
      partition(
        'track_played',
        '__UNPARTITIONED__',
        18,
        '2026-03-01T08:10:00Z',
      ),
      // The day holding `since` starts before it: not returned.
      partition('daily_plays', '20260301', 1_180_442, '2026-03-02T01:30:00Z'),
      partition('daily_plays', '20260302', 1_203_007, '2026-03-03T01:30:00Z'),
    ]);
    const tables = [
      table('track_played'),
      table('daily_plays', { granularity: 'DAY' }),
      table('track_skipped'),
      trackPlayedTable({
        endpointRef: 'dataendpoint:default/artists',
        address: { project: PROJECT, dataset: 'events', table: 'artists' },
        partitioning: undefined,
      }),
      trackPlayedTable({
        endpointRef: 'dataendpoint:default/elsewhere',
        address: { project: 'elsewhere', dataset: 'events', table: 'plays' },
      }),
    ];

    const metadata = await runner.partitionMetadata!(tables, {
      since: '2026-03-01T06:00:00.000Z',
      logger,
    });

    expect(Object.fromEntries(metadata)).toEqual({
      'dataendpoint:default/track-played': [
        {
          partition: '2026-03-01T06:00:00.000Z',
          rows: 51_200,
          lastModified: '2026-03-01T07:04:11.000Z',
        },
        {
          partition: '2026-03-01T07:00:00.000Z',
          rows: 49_873,
          lastModified: '2026-03-01T08:03:52.000Z',
        },
      ],
      'dataendpoint:default/daily-plays': [
        {
          partition: '2026-03-02T00:00:00.000Z',
          rows: 1_203_007,
          lastModified: '2026-03-03T01:30:00.000Z',
        },
      ],
      'dataendpoint:default/track-skipped': [],
    });
    expect(logger.warn).not.toHaveBeenCalled();
    expect(seen).toHaveLength(1);
    const [query] = seen.map(r => r.body);
    expect(seen[0].path).toBe(`/bigquery/v2/projects/${PROJECT}/queries`);
    expect(query.query).toContain(
      'FROM `tunewave-raw.events.INFORMATION_SCHEMA.PARTITIONS`',
    );
    expect(query.useLegacySql).toBe(false);
    expect(query.maximumBytesBilled).toBe('10737418240');
    expect(query.labels).toEqual({
      'managed-by': 'backstage-data-platform',
      'dp-check-run': 'partition-metadata',
    });
    expect(query.queryParameters).toEqual([
      {
        name: 'tables',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: {
          arrayValues: [
            { value: 'track_played' },
            { value: 'daily_plays' },
            { value: 'track_skipped' },
          ],
        },
      },
      {
        name: 'since',
        parameterType: { type: 'STRING' },
        parameterValue: { value: '2026030106' },
      },
    ]);
  });

  it('asks about at most 1,000 tables per query, one dataset at a time', async () => {
    const { runner, logger } = testQualityRunner();
    const seen = recordRequests(server);
    answerPartitions([]);
    const events = Array.from({ length: 2500 }, (_, i) => table(`table_${i}`));
    const listening = ['plays', 'skips', 'likes'].map(name =>
      table(name, { dataset: 'listening' }),
    );

    const metadata = await runner.partitionMetadata!(
      [...events, ...listening],
      { since: '2026-03-01T06:00:00.000Z', logger },
    );

    expect(seen).toHaveLength(4);
    const asked = seen.map(r => ({
      dataset: /`tunewave-raw\.(\w+)\.INFORMATION_SCHEMA\.PARTITIONS`/.exec(
        r.body.query,
      )![1],
      tables: r.body.queryParameters[0].parameterValue.arrayValues.length,
    }));
    expect(
      asked.sort(
        (a, b) => a.tables - b.tables || a.dataset.localeCompare(b.dataset),
      ),
    ).toEqual([
      { dataset: 'listening', tables: 3 },
      { dataset: 'events', tables: 500 },
      { dataset: 'events', tables: 1000 },
      { dataset: 'events', tables: 1000 },
    ]);
    expect(metadata.size).toBe(2503);
  });

  it('gives the tables of a dataset that does not exist no partitions', async () => {
    const { runner, logger } = testQualityRunner();
    server.use(
      http.post(`${BIGQUERY}/projects/${PROJECT}/queries`, () =>
        googleError(
          404,
          'Not found: Dataset tunewave-raw:events was not found in location EU',
          { reason: 'notFound', status: 'NOT_FOUND' },
        ),
      ),
    );

    const metadata = await runner.partitionMetadata!([table('track_played')], {
      since: '2026-03-01T06:00:00.000Z',
      logger,
    });

    expect(Object.fromEntries(metadata)).toEqual({
      'dataendpoint:default/track-played': [],
    });
  });

  it('names the permissions a refused metadata query needs', async () => {
    const { runner, logger } = testQualityRunner();
    server.use(
      http.post(`${BIGQUERY}/projects/${PROJECT}/queries`, () =>
        googleError(
          403,
          'Access Denied: Table tunewave-raw:events.INFORMATION_SCHEMA.PARTITIONS: User does not have permission to query table tunewave-raw:events.INFORMATION_SCHEMA.PARTITIONS.',
          { reason: 'accessDenied', status: 'PERMISSION_DENIED' },
        ),
      ),
    );

    await expect(
      runner.partitionMetadata!([table('track_played')], {
        since: '2026-03-01T06:00:00.000Z',
        logger,
      }),
    ).rejects.toThrow(
      /^The partition metadata of tunewave-raw\.events could not be read: Access Denied: .*bigquery\.tables\.list and bigquery\.tables\.get on the dataset \(roles\/bigquery\.metadataViewer\)$/,
    );
  });
});
