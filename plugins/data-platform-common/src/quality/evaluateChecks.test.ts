import {
  evaluateChecks,
  evaluateFromPartitionMetadata,
} from './evaluateChecks';
import {
  playsHourlyChecks,
  playsHourlyFields,
} from './__fixtures__/playsHourly';
import type { EvaluationContext, PartitionMetrics, VolumePoint } from './types';

const partition = {
  start: '2026-11-26T09:00:00.000Z',
  end: '2026-11-26T10:00:00.000Z',
};

/** The same hour on the four Thursdays before. */
const history: VolumePoint[] = [28, 21, 14, 7].map((days, i) => ({
  partition: new Date(
    Date.parse(partition.start) - days * 86_400_000,
  ).toISOString(),
  rows: [1210, 1190, 1250, 1180][i],
}));

const context: EvaluationContext = {
  partition,
  evaluatedAt: '2026-11-26T10:50:00.000Z',
  landedAt: '2026-11-26T10:40:00.000Z',
  declaredFields: playsHourlyFields,
  observedFields: playsHourlyFields.map(f =>
    f.name === 'ms_played' ? { ...f, type: 'STRING' as const } : f,
  ),
  volumeHistory: history,
};

/** A partition with a burst of nulls, a duplicate play and a negative duration. */
const metrics: PartitionMetrics = {
  rowCount: 1200,
  columns: {
    country: { nonNullCount: 1162 },
    'context.device': { nonNullCount: 1190 },
    play_id: { nonNullCount: 1200, distinctCount: 1199 },
    ms_played: { min: -5, max: 3_600_000 },
    'context.volume': { min: 0, max: 1 },
  },
  checks: {
    'accepted_values:platform': { outsideAccepted: 14 },
    'uniqueness:user_id+hour': { duplicateRows: 0 },
    'no-negative-durations': { failingRows: 3 },
  },
  errors: {},
};

describe('evaluateChecks', () => {
  const results = evaluateChecks(playsHourlyChecks, metrics, context);
  const byName = Object.fromEntries(results.map(r => [r.name, r]));

  it('judges every check, in the order declared, with names and severities', () => {
    expect(results.map(r => [r.name, r.severity, r.status])).toEqual([
      ['landed-within-2h', 'warning', 'pass'],
      ['volume', 'warning', 'pass'],
      ['volume_anomaly', 'warning', 'pass'],
      ['null_rate:country', 'warning', 'fail'],
      ['null_rate:context.device', 'warning', 'pass'],
      ['one-row-per-play', 'critical', 'fail'],
      ['uniqueness:user_id+hour', 'warning', 'pass'],
      ['accepted_values:platform', 'warning', 'fail'],
      ['range:ms_played', 'warning', 'fail'],
      ['range:context.volume', 'warning', 'pass'],
      ['schema_match', 'info', 'fail'],
      ['no-negative-durations', 'warning', 'fail'],
    ]);
  });

  it('says what was measured against what was expected', () => {
    expect(byName['null_rate:country']).toEqual({
      name: 'null_rate:country',
      type: 'null_rate',
      column: 'country',
      severity: 'warning',
      status: 'fail',
      metric: 'null_rate',
      expected: 'at most 1%',
      actual: 38 / 1200,
      message: 'null rate of country 3.2% > 1% (38 of 1,200 rows)',
    });
    expect(byName['one-row-per-play'].message).toBe(
      '1 row repeats a play_id of an earlier row',
    );
    expect(byName['accepted_values:platform'].message).toBe(
      '14 rows (1.2%) with platform not one of ios, android, web',
    );
    expect(byName['range:ms_played']).toMatchObject({
      expected: '0 to 86,400,000',
      actual: '-5 to 3,600,000',
      message: 'min of ms_played -5 < 0',
    });
    expect(byName['no-negative-durations'].message).toBe(
      'the query returned 3 failing rows',
    );
    expect(byName['landed-within-2h'].message).toBe(
      'landed 40m after the period ended (allowed 2h)',
    );
    expect(byName.volume_anomaly.message).toBe(
      '1,200 rows, within the usual 990 to 1,410 for this hour of the week',
    );
  });

  it('words schema differences as the schema diff does', () => {
    expect(byName.schema_match).toMatchObject({
      actual: 1,
      message:
        'the table differs from the declared schema in 1 place: ms_played: type INT64 -> STRING',
    });
    const same = evaluateChecks([{ type: 'schema_match' }], metrics, {
      ...context,
      observedFields: playsHourlyFields,
    });
    expect(same[0].message).toBe(
      'the table matches the declared schema (9 fields)',
    );
  });

  it('expects a table to lack the fields its delivery drops', () => {
    const declared = [
      ...playsHourlyFields,
      {
        name: 'client',
        type: 'RECORD' as const,
        fields: [
          { name: 'os', type: 'STRING' as const },
          { name: 'ip_address', type: 'STRING' as const, pii: 'drop' as const },
        ],
      },
    ];
    const observed = [
      ...playsHourlyFields,
      {
        name: 'client',
        type: 'RECORD' as const,
        fields: [{ name: 'os', type: 'STRING' as const }],
      },
    ];
    const [result] = evaluateChecks([{ type: 'schema_match' }], metrics, {
      ...context,
      declaredFields: declared,
      observedFields: observed,
    });
    expect(result).toMatchObject({ status: 'pass' });
  });

  it('reports an error the runner or compiler recorded', () => {
    const [result] = evaluateChecks(
      [{ name: 'rewrites', type: 'custom_sql', sql: 'DELETE FROM t' }],
      { ...metrics, errors: { rewrites: 'custom SQL must be a SELECT' } },
      context,
    );
    expect(result).toMatchObject({
      status: 'error',
      message: 'custom SQL must be a SELECT',
    });
  });

  it('does not judge what it cannot, and says why', () => {
    const empty = { ...metrics, rowCount: 0 };
    const [nulls, anomaly] = evaluateChecks(
      [{ type: 'null_rate', column: 'country' }, { type: 'volume_anomaly' }],
      empty,
      { ...context, volumeHistory: history.slice(-1) },
    );
    expect(nulls).toMatchObject({
      status: 'not_run',
      message: 'the partition has no rows',
    });
    expect(anomaly).toMatchObject({
      status: 'not_run',
      message:
        'learns from the same hour of the week over the last 4 weeks: 1 earlier partition there, 2 needed',
    });
  });

  it('flags a volume outside the learned band', () => {
    const [anomaly] = evaluateChecks(
      [{ type: 'volume_anomaly' }],
      { ...metrics, rowCount: 410 },
      context,
    );
    expect(anomaly).toMatchObject({
      status: 'fail',
      message:
        '410 rows, below the usual 990 to 1,410 for this hour of the week (-66% from the median 1,200)',
    });
  });
});

describe('freshness', () => {
  const check = [{ type: 'freshness' as const, maxDelay: 'PT2H' }];
  const judged = (
    m: Partial<PartitionMetrics>,
    c: Partial<EvaluationContext>,
  ) => evaluateChecks(check, { ...metrics, ...m }, { ...context, ...c })[0];

  it('fails a partition that landed past its deadline', () => {
    expect(judged({}, { landedAt: '2026-11-26T13:15:00.000Z' }).message).toBe(
      'landed 3h 15m after the period ended, 1h 15m past the allowed 2h',
    );
  });

  it('fails a partition that has not landed by its deadline, and waits before it', () => {
    const missing = { rowCount: 0 };
    expect(
      judged(missing, {
        landedAt: undefined,
        evaluatedAt: '2026-11-26T12:30:00.000Z',
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'has not landed, 30m past its deadline (2h after the period ended)',
    });
    expect(
      judged(missing, {
        landedAt: undefined,
        evaluatedAt: '2026-11-26T11:00:00.000Z',
      }),
    ).toMatchObject({
      status: 'not_run',
      message: 'not landed yet; due within 1h',
    });
  });

  it('judges an unpartitioned table by the age of its newest data', () => {
    const result = evaluateChecks(
      [{ type: 'freshness', maxDelay: 'PT2H', column: 'hour' }],
      { ...metrics, columns: { hour: { max: '2026-11-26T07:20:00.000Z' } } },
      { ...context, partition: undefined },
    )[0];
    expect(result).toMatchObject({
      status: 'fail',
      actual: '2026-11-26T07:20:00.000Z',
      message: 'newest data is 3h 30m old (allowed 2h)',
    });
  });
});

describe('evaluateFromPartitionMetadata', () => {
  it('judges freshness and volume from rows and last modified, without a scan', () => {
    const results = evaluateFromPartitionMetadata(
      playsHourlyChecks,
      { rows: 640, lastModified: '2026-11-26T10:20:00.000Z' },
      { ...context, landedAt: undefined },
    );
    expect(results.map(r => [r.name, r.status, r.message])).toEqual([
      [
        'landed-within-2h',
        'pass',
        'landed 20m after the period ended (allowed 2h)',
      ],
      ['volume', 'fail', '640 rows < 1,000 expected'],
      [
        'volume_anomaly',
        'fail',
        '640 rows, below the usual 990 to 1,410 for this hour of the week (-47% from the median 1,200)',
      ],
    ]);
  });
});
