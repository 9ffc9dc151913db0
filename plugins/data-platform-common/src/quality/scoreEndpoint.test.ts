import type { SchemaField } from '../schema/fields';
import { rollUpScores } from './rollUpScores';
import { scoreEndpoint } from './scoreEndpoint';
import type {
  EndpointScore,
  ScoredCheckResult,
  ScoreInputs,
} from './scoreTypes';

const now = '2026-11-26T12:00:00.000Z';
const hoursAgo = (h: number) =>
  new Date(Date.parse(now) - h * 3_600_000).toISOString();

const fields: SchemaField[] = [
  { name: 'play_id', type: 'STRING', description: 'One play', pii: 'none' },
  { name: 'user_id', type: 'STRING', description: 'Who', pii: 'pseudonymize' },
  { name: 'country', type: 'STRING', description: 'Where' },
  { name: 'ms_played', type: 'INT64' },
];

function result(
  name: string,
  status: 'pass' | 'fail',
  hours: number,
  extra: Partial<ScoredCheckResult> = {},
): ScoredCheckResult {
  return {
    name,
    type: 'null_rate',
    severity: 'warning',
    status,
    evaluatedAt: hoursAgo(hours),
    partition: hoursAgo(hours + 1),
    ...extra,
  };
}

const inputs: ScoreInputs = {
  now,
  timeliness: { onTime: 44, landedLate: 3, late: 0, failed: 1 },
  checkResults: [
    result('one-row-per-play', 'fail', 0, {
      severity: 'critical',
      type: 'uniqueness',
      source: 'local-warehouse',
    }),
    result('one-row-per-play', 'pass', 1, {
      severity: 'critical',
      type: 'uniqueness',
    }),
    result('null_rate:country', 'fail', 48, {
      message: 'null rate of country 3.2% > 1%',
      source: 'great_expectations',
    }),
    result('null_rate:country', 'pass', 2),
    result('schema_match', 'pass', 0, {
      severity: 'info',
      type: 'schema_match',
    }),
    ...Array.from({ length: 24 }, (_, h) =>
      result('volume_anomaly', h === 5 || h === 9 ? 'fail' : 'pass', h, {
        type: 'volume_anomaly',
      }),
    ),
  ],
  stewardship: {
    owner: 'group:default/listening-insights',
    ownerKnown: true,
    fields,
  },
};

const deducted = (score: EndpointScore) =>
  Object.values(score.components).flatMap(c => c.deductions.map(d => d.points));

describe('scoreEndpoint', () => {
  const score = scoreEndpoint(inputs);

  it('accounts for every point: 100 minus the deductions, in whole points', () => {
    const points = deducted(score);
    expect(points.every(Number.isInteger)).toBe(true);
    expect(score.score + points.reduce((a, b) => a + b, 0)).toBe(100);
    expect(score.score).toBe(66);
    expect(score.note).toBeUndefined();
  });

  it('reads each component with its weight and causes', () => {
    const { timeliness, checks, volume, stewardship } = score.components;
    expect(timeliness).toEqual({
      score: 92,
      weight: 0.3,
      deductions: [
        { points: 2, reason: '3 of 48 recent partitions landed late' },
        { points: 1, reason: '1 of 48 recent partitions failed' },
      ],
    });
    // 100 - 60 (a fresh critical failure) - 12.5 (a warning's, a half-life old)
    expect(checks.score).toBe(28);
    expect(checks.deductions).toEqual([
      {
        points: 21,
        reason: 'one-row-per-play (critical) failed just now',
        checkName: 'one-row-per-play',
        severity: 'critical',
        age: 0,
        evaluatedAt: now,
        source: 'local-warehouse',
      },
      {
        points: 4,
        reason:
          'null_rate:country (warning) failed 2d ago: null rate of country 3.2% > 1%',
        checkName: 'null_rate:country',
        severity: 'warning',
        age: 48 * 3_600_000,
        evaluatedAt: hoursAgo(48),
        source: 'great_expectations',
      },
    ]);
    expect(volume).toMatchObject({
      score: 92,
      deductions: [
        {
          points: 1,
          reason:
            'volume_anomaly: 2 of 24 recent partitions outside the expected volume',
          checkName: 'volume_anomaly',
          age: 5 * 3_600_000,
          evaluatedAt: hoursAgo(5),
        },
      ],
    });
    expect(stewardship.deductions.map(d => d.reason)).toEqual([
      '1 of 4 fields have no description',
      '2 of 4 fields have no explicit PII classification',
    ]);
  });

  it('counts an old failure less than a fresh one', () => {
    const at = (hours: number) =>
      scoreEndpoint({
        ...inputs,
        checkResults: [
          result('one-row-per-play', 'fail', hours, { severity: 'critical' }),
        ],
      }).components.checks.score;
    expect(at(0)).toBe(40);
    expect(at(48)).toBe(70);
    expect(at(96)).toBe(85);
  });

  it('weighs severities: critical over warning over info', () => {
    const checksScore = (severity: 'critical' | 'warning' | 'info') =>
      scoreEndpoint({
        ...inputs,
        checkResults: [result('c', 'fail', 0, { severity })],
      }).components.checks.score!;
    expect(checksScore('critical')).toBeLessThan(checksScore('warning'));
    expect(checksScore('warning')).toBeLessThan(checksScore('info'));
  });

  it('leaves out what it has nothing on, renormalizes, and says so', () => {
    const bare = scoreEndpoint({
      now,
      stewardship: { owner: 'group:default/gone', ownerKnown: false },
    });
    expect(bare.components.stewardship).toEqual({
      score: 0,
      weight: 1,
      deductions: [
        {
          points: 100,
          reason:
            'owner group:default/gone is not a group or user in the catalog',
        },
      ],
    });
    expect(bare.components.checks).toEqual({
      score: null,
      weight: 0,
      deductions: [],
      excluded: 'no check results',
    });
    expect(bare.score).toBe(0);
    expect(bare.note).toBe(
      'timeliness left out (no recent partitions from pipeline health); checks left out (no check results); volume left out (no volume check results); weights renormalized over stewardship',
    );
    const noHealth = scoreEndpoint({ ...inputs, timeliness: undefined });
    expect(noHealth.components.checks.weight).toBeCloseTo(0.35 / 0.7);
    expect(noHealth.score + deducted(noHealth).reduce((a, b) => a + b, 0)).toBe(
      100,
    );
  });

  it('takes weights from config', () => {
    const onlyChecks = scoreEndpoint(inputs, {
      weights: { timeliness: 0, volume: 0, stewardship: 0 },
    });
    expect(onlyChecks.score).toBe(onlyChecks.components.checks.score);
    expect(onlyChecks.components.volume.excluded).toBe('its weight is 0');
  });

  it('sums exactly across many small causes', () => {
    for (let n = 1; n <= 40; n++) {
      const many = scoreEndpoint({
        ...inputs,
        checkResults: Array.from({ length: n }, (_, i) =>
          result(`check-${i}`, 'fail', i * 7, {
            severity: i % 3 ? 'info' : 'warning',
          }),
        ),
        timeliness: { onTime: 100 - n, landedLate: n, late: 0, failed: 0 },
      });
      expect(many.score + deducted(many).reduce((a, b) => a + b, 0)).toBe(100);
    }
  });
});

describe('rollUpScores', () => {
  const endpoints = [
    { entityRef: 'dataendpoint:default/plays-hourly', score: 60, consumers: 3 },
    { entityRef: 'dataendpoint:default/plays-daily', score: 90, consumers: 0 },
    { entityRef: 'dataendpoint:default/usage-monthly', score: 100 },
  ];
  const groupOf: Record<string, string[]> = {
    'dataendpoint:default/plays-hourly': [
      'group:listening',
      'pipeline:aggregate',
    ],
    'dataendpoint:default/plays-daily': [
      'group:listening',
      'pipeline:aggregate',
    ],
    'dataendpoint:default/usage-monthly': ['group:royalties'],
  };

  it('weighs endpoints by 1 + their consumers, worst group first, with its worst endpoint', () => {
    expect(rollUpScores(endpoints, e => groupOf[e.entityRef])).toEqual([
      {
        key: 'group:listening',
        score: 66, // (4 * 60 + 1 * 90) / 5
        endpoints: 2,
        worst: { entityRef: 'dataendpoint:default/plays-hourly', score: 60 },
      },
      {
        key: 'pipeline:aggregate',
        score: 66,
        endpoints: 2,
        worst: { entityRef: 'dataendpoint:default/plays-hourly', score: 60 },
      },
      {
        key: 'group:royalties',
        score: 100,
        endpoints: 1,
        worst: { entityRef: 'dataendpoint:default/usage-monthly', score: 100 },
      },
    ]);
  });
});
