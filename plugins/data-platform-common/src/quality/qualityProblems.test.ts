import type { QualityCheck } from '../kinds/entities';
import type { SchemaField } from '../schema/fields';
import { qualityProblems } from './qualityProblems';

const fields: SchemaField[] = [
  { name: 'play_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'hour', type: 'TIMESTAMP', mode: 'REQUIRED' },
  { name: 'country', type: 'STRING' },
  { name: 'ms_played', type: 'INT64' },
  { name: 'offline', type: 'BOOL' },
  { name: 'played_on', type: 'DATE' },
  {
    name: 'context',
    type: 'RECORD',
    fields: [
      { name: 'device', type: 'STRING' },
      { name: 'volume', type: 'FLOAT64' },
    ],
  },
  { name: 'tags', type: 'STRING', mode: 'REPEATED' },
  { name: 'payload', type: 'JSON' },
];

const table = {
  project: 'tunewave-warehouse',
  dataset: 'listening',
  table: 'plays_hourly',
};

const valid: QualityCheck[] = [
  {
    name: 'lands-on-time',
    type: 'freshness',
    maxDelay: 'PT2H',
    severity: 'critical',
  },
  { type: 'volume', minRows: 1000 },
  { type: 'volume_anomaly', weeks: 6, sensitivity: 2.5 },
  { type: 'null_rate', column: 'context.device', maxNullRate: 0.05 },
  { type: 'uniqueness', column: 'play_id', severity: 'critical' },
  { type: 'uniqueness', columns: ['country', 'hour'] },
  { type: 'accepted_values', column: 'country', values: ['SE', 'NO', 'DK'] },
  { type: 'accepted_values', column: 'offline', values: [false] },
  { type: 'range', column: 'ms_played', min: 0, max: 86400000 },
  { type: 'range', column: 'played_on', min: '2020-01-01' },
  { type: 'range', column: 'CONTEXT.Volume', max: 1 },
  { type: 'schema_match', severity: 'info' },
  {
    name: 'no-negative-durations',
    type: 'custom_sql',
    sql: 'SELECT * FROM `tunewave-warehouse.listening.plays_hourly` WHERE ms_played < 0',
  },
];

function problemsOf(check: QualityCheck, withFields = true) {
  return qualityProblems(
    [{ type: 'schema_match' }, check],
    withFields ? fields : undefined,
    { table, endpointType: 'bigquery-table' },
  );
}

describe('qualityProblems', () => {
  it('accepts every check type, nested columns matched case-insensitively', () => {
    expect(qualityProblems(valid, fields, { table })).toEqual([]);
  });

  it('wants a column for column checks', () => {
    expect(
      problemsOf({ type: 'accepted_values', values: ['SE'] } as any),
    ).toEqual([
      {
        path: 'spec.quality[1].column',
        message: 'is required for a accepted_values check',
      },
    ]);
  });

  it('names a column that is not in the schema, nested or not', () => {
    expect(problemsOf({ type: 'null_rate', column: 'contry' })).toEqual([
      {
        path: 'spec.quality[1].column',
        message: 'names no field of the schema ("contry")',
      },
    ]);
    expect(
      problemsOf({ type: 'uniqueness', columns: ['country', 'context.os'] }),
    ).toEqual([
      {
        path: 'spec.quality[1].columns[1]',
        message: 'names no field of the schema ("context.os")',
      },
    ]);
  });

  it('checks columns only where the fields are known', () => {
    expect(problemsOf({ type: 'null_rate', column: 'contry' }, false)).toEqual(
      [],
    );
  });

  it('refuses settings a check type does not take', () => {
    expect(
      problemsOf({ type: 'null_rate', column: 'country', minRows: 3 }),
    ).toEqual([
      {
        path: 'spec.quality[1].minRows',
        message: 'does not apply to a null_rate check',
      },
    ]);
  });

  it('wants range bounds in order, and at least one', () => {
    expect(
      problemsOf({ type: 'range', column: 'ms_played', min: 10, max: 1 }),
    ).toEqual([
      { path: 'spec.quality[1].min', message: 'is greater than max (10 > 1)' },
    ]);
    expect(
      problemsOf({
        type: 'range',
        column: 'played_on',
        min: '2026-02-01',
        max: '2026-01-31',
      }),
    ).toEqual([
      {
        path: 'spec.quality[1].min',
        message: 'is greater than max (2026-02-01 > 2026-01-31)',
      },
    ]);
    expect(problemsOf({ type: 'range', column: 'ms_played' })).toEqual([
      {
        path: 'spec.quality[1].max',
        message: 'a range check needs min, max or both',
      },
    ]);
  });

  it('wants bounds and accepted values of the kind the column holds', () => {
    expect(
      problemsOf({ type: 'range', column: 'ms_played', min: '0' }),
    ).toEqual([
      {
        path: 'spec.quality[1].min',
        message: 'must be a number for the INT64 column "ms_played"',
      },
    ]);
    expect(problemsOf({ type: 'range', column: 'country', max: 'Z' })).toEqual([
      {
        path: 'spec.quality[1].column',
        message:
          '"country" is STRING; a range applies to numbers, dates and times',
      },
    ]);
    expect(
      problemsOf({
        type: 'accepted_values',
        column: 'ms_played',
        values: [1, '2'],
      }),
    ).toEqual([
      {
        path: 'spec.quality[1].values[1]',
        message: '"2" is not a number, as the INT64 column "ms_played" holds',
      },
    ]);
  });

  it('refuses columns a check cannot read', () => {
    expect(problemsOf({ type: 'null_rate', column: 'tags' })).toEqual([
      {
        path: 'spec.quality[1].column',
        message:
          '"tags" is REPEATED or inside a REPEATED field; a null_rate check reads one value per row',
      },
    ]);
    expect(problemsOf({ type: 'uniqueness', column: 'payload' })).toEqual([
      {
        path: 'spec.quality[1].column',
        message:
          '"payload" is JSON; uniqueness compares values BigQuery can group (not RECORD, JSON or GEOGRAPHY)',
      },
    ]);
    expect(
      problemsOf({ type: 'freshness', maxDelay: 'PT1H', column: 'country' }),
    ).toEqual([
      {
        path: 'spec.quality[1].column',
        message:
          '"country" is STRING; freshness reads a DATE, DATETIME or TIMESTAMP column',
      },
    ]);
  });

  it('wants a uniqueness check to have column or columns, not both', () => {
    expect(problemsOf({ type: 'uniqueness' })).toEqual([
      {
        path: 'spec.quality[1].column',
        message: 'is required for a uniqueness check',
      },
    ]);
    expect(
      problemsOf({
        type: 'uniqueness',
        column: 'play_id',
        columns: ['a', 'b'],
      }),
    ).toEqual([
      {
        path: 'spec.quality[1].columns',
        message: 'a uniqueness check has either column or columns, not both',
      },
    ]);
  });

  it('names custom SQL that does not parse or is not a SELECT of the table', () => {
    expect(
      problemsOf({
        type: 'custom_sql',
        sql: 'SELECT * FROM plays_hourly WHERE',
      })[0],
    ).toEqual({
      path: 'spec.quality[1].sql',
      message: expect.stringMatching(
        /^does not parse as BigQuery SQL at line 1/,
      ),
    });
    expect(
      problemsOf({
        type: 'custom_sql',
        sql: 'DELETE FROM plays_hourly WHERE true',
      }),
    ).toEqual([
      {
        path: 'spec.quality[1].sql',
        message: 'must be a SELECT returning the failing rows, not a DELETE',
      },
    ]);
  });

  it('names a check whose name, given or derived, is taken', () => {
    expect(
      qualityProblems([
        { type: 'null_rate', column: 'country' },
        {
          name: 'null_rate:country',
          type: 'null_rate',
          column: 'country',
          maxNullRate: 0.1,
        },
        { type: 'schema_match' },
        { type: 'schema_match', severity: 'critical' },
      ]),
    ).toEqual([
      {
        path: 'spec.quality[1].name',
        message:
          '"null_rate:country" is the name of spec.quality[0] too; give each check its own name',
      },
      {
        path: 'spec.quality[3].name',
        message:
          '"schema_match" is the name of spec.quality[2] too; give each check its own name',
      },
    ]);
  });

  it('refuses scan checks on a store without rows', () => {
    expect(
      qualityProblems(
        [
          { type: 'schema_match' },
          { type: 'freshness', maxDelay: 'PT1H' },
          { type: 'null_rate', column: 'user_id' },
        ],
        undefined,
        { endpointType: 'pubsub-topic' },
      ),
    ).toEqual([
      {
        path: 'spec.quality[2].type',
        message:
          "a null_rate check reads a table's rows; a pubsub-topic has none",
      },
    ]);
  });
});
