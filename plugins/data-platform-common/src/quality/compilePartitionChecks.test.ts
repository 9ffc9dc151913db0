import { compileDuplicateKeys } from './compileDuplicateKeys';
import { compilePartitionChecks } from './compilePartitionChecks';
import {
  playsHourlyChecks,
  playsHourlyTarget,
} from './__fixtures__/playsHourly';
import type { QualityDialect } from './types';

const partition = {
  start: '2026-11-26T09:00:00.000Z',
  end: '2026-11-26T10:00:00.000Z',
};

const physical: Record<QualityDialect, string> = {
  bigquery: '`tunewave-warehouse.listening.plays_hourly`',
  postgres:
    '"public"."tunewave_warehouse__listening__plays_hourly_1a2b3c4d5e6f"',
  sqlite: '"tunewave_warehouse__listening__plays_hourly_1a2b3c4d5e6f"',
};

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe.each<[QualityDialect, string, string, string]>([
  [
    'bigquery',
    '`plays_hourly`',
    'WITH `plays_hourly` AS (',
    '`context`.`device`',
  ],
  [
    'postgres',
    '"plays_hourly"',
    'WITH "plays_hourly" AS NOT MATERIALIZED (',
    `("context" #>> '{device}')`,
  ],
  [
    'sqlite',
    '"plays_hourly"',
    'WITH "plays_hourly" AS NOT MATERIALIZED (',
    `json_extract("context", '$.device')`,
  ],
])('compilePartitionChecks on %s', (dialect, cte, header, nested) => {
  const query = compilePartitionChecks(
    playsHourlyTarget(physical[dialect]),
    playsHourlyChecks,
    partition,
    dialect,
  );

  it('reads the physical table once, through a CTE of the catalog name', () => {
    expect(query.sql.startsWith(header)).toBe(true);
    expect(occurrences(query.sql, physical[dialect])).toBe(1);
    // The CTE's, the custom check's sub-select and its own, the scan's.
    expect(occurrences(query.sql, 'FROM ')).toBe(4);
    expect(query.sql.endsWith(`FROM ${cte}`)).toBe(true);
  });

  it('filters the CTE to the partition with bound values, in order', () => {
    expect(query.bindings).toEqual([
      '2026-11-26T09:00:00.000Z',
      '2026-11-26T10:00:00.000Z',
      'ios',
      'android',
      'web',
    ]);
    expect(occurrences(query.sql, '?')).toBe(query.bindings.length);
    const hour = dialect === 'bigquery' ? '`hour`' : '"hour"';
    const bound =
      dialect === 'sqlite'
        ? '?'
        : `CAST(? AS ${dialect === 'bigquery' ? 'TIMESTAMP' : 'timestamptz'})`;
    expect(query.sql).toContain(
      `WHERE ${hour} >= ${bound} AND ${hour} < ${bound})`,
    );
  });

  it('measures each metric once, for every check that needs one', () => {
    expect(query.metrics.map(({ alias, ...m }) => m)).toEqual([
      { kind: 'row_count' },
      { kind: 'non_null_count', column: 'country' },
      { kind: 'non_null_count', column: 'context.device' },
      // PostgreSQL counts distinct keys in the duplicate-keys query.
      ...(dialect === 'postgres'
        ? []
        : [
            { kind: 'non_null_count', column: 'play_id' },
            { kind: 'distinct_count', column: 'play_id' },
          ]),
      {
        kind: 'outside_accepted',
        check: 'accepted_values:platform',
        column: 'platform',
      },
      { kind: 'min', column: 'ms_played' },
      { kind: 'max', column: 'ms_played' },
      { kind: 'min', column: 'context.volume' },
      { kind: 'max', column: 'context.volume' },
      { kind: 'failing_rows', check: 'no-negative-durations' },
    ]);
    expect(query.metrics.map(m => m.alias)).toEqual(
      query.metrics.map((_, i) => `m${i}`),
    );
    for (const { alias } of query.metrics) {
      expect(query.sql).toMatch(new RegExp(` AS ${alias}(,|\\n)`));
    }
    expect(query.skipped).toEqual([]);
  });

  it('reads nested fields as the warehouse stores them', () => {
    expect(query.sql).toContain(`COUNT(${nested}) AS m2`);
  });

  it("points the custom SQL's table at the partition", () => {
    const alias = dialect === 'postgres' ? 'm8' : 'm10';
    expect(query.sql).toContain(
      `(SELECT COUNT(*) FROM (SELECT play_id FROM ${cte} WHERE ms_played < 0) AS failing_11) AS ${alias}`,
    );
    // Only the CTE names the table's address (BigQuery's physical name).
    expect(
      occurrences(query.sql, 'tunewave-warehouse.listening.plays_hourly'),
    ).toBe(dialect === 'bigquery' ? 1 : 0);
  });
});

describe('compilePartitionChecks', () => {
  const target = playsHourlyTarget(
    '`tunewave-warehouse.listening.plays_hourly`',
  );

  it('casts bounds to a DATE partition column, and reads arrival partitions bare', () => {
    const daily = compilePartitionChecks(
      {
        ...target,
        partitioning: { column: 'day', columnType: 'DATE', granularity: 'DAY' },
      },
      [],
      { start: '2026-11-26T00:00:00Z', end: '2026-11-27T00:00:00Z' },
      'bigquery',
    );
    expect(daily.sql).toContain(
      'WHERE `day` >= CAST(? AS DATE) AND `day` < CAST(? AS DATE)',
    );
    expect(daily.bindings).toEqual(['2026-11-26', '2026-11-27']);
    const arrival = compilePartitionChecks(
      {
        ...target,
        partitioning: { column: '_PARTITIONTIME', granularity: 'HOUR' },
      },
      [],
      partition,
      'bigquery',
    );
    expect(arrival.sql).toContain(
      'WHERE _PARTITIONTIME >= CAST(? AS TIMESTAMP)',
    );
  });

  it('scans the whole of an unpartitioned table, with the newest time for freshness', () => {
    const query = compilePartitionChecks(
      { ...target, partitioning: undefined },
      [{ type: 'freshness', maxDelay: 'PT2H', column: 'hour' }],
      undefined,
      'postgres',
    );
    expect(query.sql).toBe(
      [
        'WITH `plays_hourly` AS NOT MATERIALIZED (SELECT * FROM `tunewave-warehouse.listening.plays_hourly`)'.replace(
          /`plays_hourly`/,
          '"plays_hourly"',
        ),
        'SELECT',
        '  COUNT(*) AS m0,',
        '  MAX("hour") AS m1',
        'FROM "plays_hourly"',
      ].join('\n'),
    );
    expect(query.bindings).toEqual([]);
  });

  it('binds booleans as 1 and 0 on SQLite', () => {
    const query = compilePartitionChecks(
      target,
      [{ type: 'accepted_values', column: 'offline', values: [false] }],
      partition,
      'sqlite',
    );
    expect(query.bindings.slice(2)).toEqual([0]);
  });

  it('leaves out, with the reason, what it cannot compile', () => {
    const query = compilePartitionChecks(
      target,
      [
        {
          name: 'rewrites',
          type: 'custom_sql',
          sql: 'DELETE FROM plays_hourly WHERE true',
        },
        { type: 'null_rate', column: 'country; DROP TABLE x' },
      ],
      partition,
      'bigquery',
    );
    expect(query.skipped).toEqual([
      {
        check: 'rewrites',
        reason:
          'custom SQL must be a SELECT returning the failing rows, not a DELETE',
      },
      {
        check: 'null_rate:country; DROP TABLE x',
        reason:
          '"country; DROP TABLE x" is not a column path (names of letters, digits and underscores, joined by dots)',
      },
    ]);
    expect(query.sql).not.toContain('DROP');
    expect(query.metrics).toEqual([{ alias: 'm0', kind: 'row_count' }]);
  });

  it("uses the runner's column mapping", () => {
    const query = compilePartitionChecks(
      { ...target, columnExpression: path => `SAFE.${path}` },
      [{ type: 'null_rate', column: 'context.device' }],
      partition,
      'bigquery',
    );
    expect(query.sql).toContain('COUNT(SAFE.context.device) AS m1');
  });
});

describe('compileDuplicateKeys', () => {
  it('counts rows repeating a composite key in one more query over the partition', () => {
    const query = compileDuplicateKeys(
      playsHourlyTarget('"warehouse"."plays"'),
      playsHourlyChecks.filter(c => c.columns),
      partition,
      'postgres',
    )!;
    expect(query.sql).toBe(
      [
        'WITH "plays_hourly" AS NOT MATERIALIZED (SELECT * FROM "warehouse"."plays" WHERE "hour" >= CAST(? AS timestamptz) AND "hour" < CAST(? AS timestamptz))',
        'SELECT',
        '  (SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM "plays_hourly" WHERE "user_id" IS NOT NULL AND "hour" IS NOT NULL GROUP BY "user_id", "hour" HAVING COUNT(*) > 1) AS repeated_m0) AS m0',
      ].join('\n'),
    );
    expect(query.bindings).toEqual([partition.start, partition.end]);
    expect(query.metrics).toEqual([
      { alias: 'm0', kind: 'duplicate_rows', check: 'uniqueness:user_id+hour' },
    ]);
  });

  it('counts distinct single keys there too on PostgreSQL, where the scan would lose its parallel workers', () => {
    const query = compileDuplicateKeys(
      playsHourlyTarget('"warehouse"."plays"'),
      [
        { type: 'uniqueness', column: 'play_id' },
        { type: 'uniqueness', columns: ['user_id', 'hour'] },
        { name: 'again', type: 'uniqueness', column: 'play_id' },
      ],
      partition,
      'postgres',
    )!;
    expect(query.sql.split('\n').slice(1)).toEqual([
      'SELECT',
      '  COUNT("play_id") AS m0,',
      '  COUNT(DISTINCT "play_id") AS m1,',
      '  (SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM "plays_hourly" WHERE "user_id" IS NOT NULL AND "hour" IS NOT NULL GROUP BY "user_id", "hour" HAVING COUNT(*) > 1) AS repeated_m2) AS m2',
      'FROM "plays_hourly"',
    ]);
    expect(query.metrics).toEqual([
      { alias: 'm0', kind: 'non_null_count', column: 'play_id' },
      { alias: 'm1', kind: 'distinct_count', column: 'play_id' },
      { alias: 'm2', kind: 'duplicate_rows', check: 'uniqueness:user_id+hour' },
    ]);
  });

  it('is not needed without composite keys where the scan counts distinct values', () => {
    for (const dialect of ['sqlite', 'bigquery'] as const) {
      expect(
        compileDuplicateKeys(
          playsHourlyTarget('t'),
          [{ type: 'uniqueness', column: 'play_id' }],
          partition,
          dialect,
        ),
      ).toBeUndefined();
    }
  });
});
