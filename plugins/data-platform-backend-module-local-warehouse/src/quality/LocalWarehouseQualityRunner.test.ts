import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  evaluateChecks,
  QualityCheck,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityRunRequest } from '@dataplatform/backstage-plugin-data-platform-node';
import { qualityWarehouseIn } from '../__testUtils__/qualityPlatform';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const noon = {
  start: '2026-03-01T12:00:00.000Z',
  end: '2026-03-01T13:00:00.000Z',
};

/** A Song Skipped event at `minute` past an hour of 2026-03-01. */
function skip(
  id: string,
  hour: number,
  minute: number,
  values: {
    ms?: number | null;
    os?: string;
    country?: string | null;
    volume?: number | null;
    user?: string;
    shuffle?: boolean;
  },
) {
  const at = `2026-03-01T${hour}:${String(minute).padStart(2, '0')}:00Z`;
  return {
    event_id: id,
    event_time: at,
    user_id: values.user ?? `listener-${id}`,
    ip_address: '203.0.113.7',
    ms_played: values.ms,
    shuffle: values.shuffle ?? true,
    ...(id === 'e3' ? {} : { moods: ['calm'] }),
    context: {
      device: { os: values.os ?? 'ios', advertising_id: 'ad-1' },
      country: values.country,
      volume: values.volume,
      started_at: at,
    },
  };
}

/**
 * Noon: eight rows with two null durations, two null countries, e1 twice,
 * a negative and a too long duration, two systems not accepted, a volume
 * above 1 and one missing; 13:00: three rows whose defects must not count.
 */
const events = [
  skip('e1', 12, 5, { ms: 1000, country: 'SE', volume: 0.5, user: 'u1' }),
  skip('e2', 12, 10, { ms: null, os: 'android', country: null, volume: 0.2 }),
  skip('e3', 12, 15, { ms: 2000, os: 'web', country: 'US', volume: null }),
  skip('e4', 12, 20, { ms: -5, os: 'symbian', country: 'SE', volume: 1.5 }),
  skip('e5', 12, 25, { ms: 3000, country: null, volume: 0.9, shuffle: false }),
  skip('e1', 12, 5, { ms: 1000, country: 'SE', volume: 0.5, user: 'u1' }),
  skip('e6', 12, 40, { ms: null, os: 'blackberry', country: 'DE', volume: 0 }),
  skip('e7', 12, 59, { ms: 700000, country: 'SE', volume: 0.1, user: 'u1' }),
  skip('e1', 13, 1, { ms: -1, os: 'symbian', volume: 7 }),
  skip('e8', 13, 2, { ms: -2, os: 'symbian', volume: 7 }),
  skip('e9', 13, 3, { ms: null, os: 'symbian', volume: 7 }),
];

const checks: QualityCheck[] = [
  { type: 'null_rate', column: 'ms_played', maxNullRate: 0.1 },
  { type: 'null_rate', column: 'context.country', maxNullRate: 0.5 },
  { type: 'null_rate', column: 'moods' },
  { name: 'deduplicated', type: 'uniqueness', column: 'event_id' },
  { type: 'uniqueness', column: 'context.device.os' },
  {
    type: 'accepted_values',
    column: 'context.device.os',
    values: ['ios', 'android', 'web'],
  },
  { type: 'accepted_values', column: 'shuffle', values: [true, false] },
  { type: 'range', column: 'ms_played', min: 0, max: 600000 },
  { type: 'range', column: 'context.volume', min: 0, max: 1 },
  {
    type: 'range',
    column: 'context.started_at',
    min: '2026-03-01T12:00:00Z',
    max: '2026-03-01T13:00:00Z',
  },
  {
    name: 'no-negative-durations',
    type: 'custom_sql',
    sql: 'SELECT event_id FROM `tunewave-raw.events.song_skipped` WHERE ms_played < 0',
  },
];

function request(
  table: QualityRunRequest['table'],
  requested: QualityCheck[],
  partition = noon,
): QualityRunRequest {
  return {
    table,
    checks: requested,
    partition,
    labels: { endpoint: 'song-skipped-raw' },
    logger: mockServices.logger.mock(),
  };
}

describe('LocalWarehouseQualityRunner', () => {
  it.each(databases.eachSupportedId())(
    'measures every check of a partition in one scan of real rows, distinct keys aside (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, runner, deliveryId, table } = await qualityWarehouseIn(
        knex,
      );
      expect(runner.dialect).toBe(
        databaseId === 'POSTGRES_15' ? 'postgres' : 'sqlite',
      );
      const landed = await warehouse.deliver(deliveryId, events);
      expect(landed).toMatchObject({ landed: 11, refused: [] });

      const outcome = await runner.runPartition(request(table, checks));

      // PostgreSQL counts distinct keys in one more query, so that the scan
      // keeps its parallel workers; the metrics are the same.
      expect(outcome.queries).toHaveLength(
        databaseId === 'POSTGRES_15' ? 2 : 1,
      );
      const [scan] = outcome.queries;
      expect(scan.sql.includes('DISTINCT')).toBe(databaseId !== 'POSTGRES_15');
      expect(scan.sql).toContain('WITH "song_skipped" AS NOT MATERIALIZED (');
      expect(scan.bindings!.slice(0, 2)).toEqual([noon.start, noon.end]);
      expect(scan.durationMs).toBeGreaterThan(0);
      expect(scan).not.toHaveProperty('bytesProcessed');
      expect(scan).not.toHaveProperty('bytesBilled');

      expect(outcome.metrics).toEqual({
        rowCount: 8,
        columns: {
          ms_played: { nonNullCount: 6, min: -5, max: 700000 },
          'context.country': { nonNullCount: 6 },
          moods: { nonNullCount: 8 },
          event_id: { nonNullCount: 8, distinctCount: 7 },
          'context.device.os': { nonNullCount: 8, distinctCount: 5 },
          'context.volume': { min: 0, max: 1.5 },
          'context.started_at': {
            min: '2026-03-01T12:05:00.000Z',
            max: '2026-03-01T12:59:00.000Z',
          },
        },
        checks: {
          'accepted_values:context.device.os': { outsideAccepted: 2 },
          'accepted_values:shuffle': { outsideAccepted: 0 },
          'no-negative-durations': { failingRows: 1 },
        },
        errors: {},
      });

      const results = evaluateChecks(checks, outcome.metrics, {
        partition: noon,
        evaluatedAt: '2026-03-01T13:30:00.000Z',
      });
      expect(results.map(r => [r.name, r.status, r.actual])).toEqual([
        ['null_rate:ms_played', 'fail', 0.25],
        ['null_rate:context.country', 'pass', 0.25],
        ['null_rate:moods', 'pass', 0],
        ['deduplicated', 'fail', 1],
        ['uniqueness:context.device.os', 'fail', 3],
        ['accepted_values:context.device.os', 'fail', 2],
        ['accepted_values:shuffle', 'pass', 0],
        ['range:ms_played', 'fail', '-5 to 700,000'],
        ['range:context.volume', 'fail', '0 to 1.5'],
        [
          'range:context.started_at',
          'pass',
          '2026-03-01T12:05:00.000Z to 2026-03-01T12:59:00.000Z',
        ],
        ['no-negative-durations', 'fail', 1],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs the duplicate-key query for a composite uniqueness key (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, runner, deliveryId, table } = await qualityWarehouseIn(
        knex,
      );
      await warehouse.deliver(deliveryId, events);
      const composite: QualityCheck[] = [
        { type: 'null_rate', column: 'ms_played', maxNullRate: 0.5 },
        { type: 'uniqueness', columns: ['user_id', 'context.device.os'] },
        { type: 'uniqueness', columns: ['event_id', 'ms_played'] },
      ];

      const outcome = await runner.runPartition(request(table, composite));

      expect(outcome.queries).toHaveLength(2);
      expect(outcome.queries[1].sql).toContain('GROUP BY');
      // u1 on ios three times (e1 twice, e7): two repeats. e1 repeats
      // with the same duration once; e2 and e6 have no duration, so no key.
      expect(outcome.metrics.checks).toEqual({
        'uniqueness:user_id+context.device.os': { duplicateRows: 2 },
        'uniqueness:event_id+ms_played': { duplicateRows: 1 },
      });
      expect(outcome.metrics.rowCount).toBe(8);
      const results = evaluateChecks(composite, outcome.metrics, {
        partition: noon,
        evaluatedAt: '2026-03-01T13:30:00.000Z',
      });
      expect(results.map(r => r.status)).toEqual(['pass', 'fail', 'fail']);
    },
  );

  it.each(databases.eachSupportedId())(
    'checks a table partitioned by arrival on _PARTITIONTIME (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, runner, deliveryId, table } = await qualityWarehouseIn(
        knex,
        { partitioning: 'arrival' },
      );
      await warehouse.deliver(deliveryId, events.slice(0, 5), {
        arrival: new Date('2026-03-01T12:30:00Z'),
      });
      await warehouse.deliver(deliveryId, events.slice(5), {
        arrival: new Date('2026-03-01T13:30:00Z'),
      });

      const outcome = await runner.runPartition(request(table, checks));

      expect(outcome.queries[0].sql).toContain('"_PARTITIONTIME" >= ');
      expect(outcome.metrics.rowCount).toBe(5);
      expect(outcome.metrics.columns.ms_played).toEqual({
        nonNullCount: 4,
        min: -5,
        max: 3000,
      });
      expect(outcome.observedFields!.map(f => f.name)).not.toContain(
        '_PARTITIONTIME',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'fails a check naming a column the table lacks, and runs the others (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, runner, deliveryId, table } = await qualityWarehouseIn(
        knex,
      );
      await warehouse.deliver(deliveryId, events);
      const outcome = await runner.runPartition(
        request(table, [
          { type: 'null_rate', column: 'Ms_Played', maxNullRate: 0.5 },
          { type: 'null_rate', column: 'skipped_at' },
          { type: 'null_rate', column: 'context.device.model' },
          { type: 'null_rate', column: 'queue.track_id' },
        ]),
      );
      expect(outcome.metrics.columns).toEqual({
        Ms_Played: { nonNullCount: 6 },
      });
      expect(outcome.metrics.errors).toEqual({
        'null_rate:skipped_at': 'the table has no column skipped_at',
        'null_rate:context.device.model': 'context.device has no field model',
        'null_rate:queue.track_id':
          'queue is REPEATED: a check reads one value per row, not queue.track_id',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'handles the tables the warehouse holds, and reports their columns (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { runner, table } = await qualityWarehouseIn(knex);
      expect(runner.handles(table)).toBe(true);
      const elsewhere = {
        ...table,
        address: { ...table.address, dataset: 'other' },
      };
      expect(runner.handles(elsewhere)).toBe(false);
      await expect(
        runner.runPartition(request(elsewhere, checks)),
      ).rejects.toThrow(
        'tunewave-raw.other.song_skipped is not in the local warehouse',
      );

      const outcome = await runner.runPartition(request(table, checks));
      expect(outcome.metrics.rowCount).toBe(0);
      const context = outcome.observedFields!.find(f => f.name === 'context');
      expect(context?.fields?.map(f => f.name)).toEqual([
        'device',
        'country',
        'volume',
        'started_at',
      ]);
    },
  );
});
