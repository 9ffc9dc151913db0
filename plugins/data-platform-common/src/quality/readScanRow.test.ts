import { readScanRow } from './readScanRow';
import type { CompiledQualityQuery } from './types';

const scan: CompiledQualityQuery = {
  sql: '',
  bindings: [],
  metrics: [
    { alias: 'm0', kind: 'row_count' },
    { alias: 'm1', kind: 'non_null_count', column: 'country' },
    { alias: 'm2', kind: 'distinct_count', column: 'play_id' },
    { alias: 'm3', kind: 'min', column: 'hour' },
    { alias: 'm4', kind: 'max', column: 'hour' },
    { alias: 'm5', kind: 'min', column: 'amount' },
    { alias: 'm6', kind: 'max', column: 'day' },
    { alias: 'm7', kind: 'failing_rows', check: 'no-negative-durations' },
  ],
  skipped: [{ check: 'rewrites', reason: 'custom SQL must be a SELECT' }],
};

describe('readScanRow', () => {
  it('reads counts and extremes however the driver returns them', () => {
    expect(
      readScanRow(scan, {
        m0: '1200', // PostgreSQL's bigint
        m1: 1188,
        m2: BigInt(1199),
        m3: new Date('2026-11-26T09:00:00Z'),
        m4: { value: '2026-11-26T09:59:59.000Z' }, // BigQuery's timestamp
        m5: '-12.50', // PostgreSQL's numeric
        m6: '2026-11-26',
        m7: 0,
      }),
    ).toEqual({
      rowCount: 1200,
      columns: {
        country: { nonNullCount: 1188 },
        play_id: { distinctCount: 1199 },
        hour: {
          min: '2026-11-26T09:00:00.000Z',
          max: '2026-11-26T09:59:59.000Z',
        },
        amount: { min: -12.5 },
        day: { max: '2026-11-26' },
      },
      checks: { 'no-negative-durations': { failingRows: 0 } },
      errors: { rewrites: 'custom SQL must be a SELECT' },
    });
  });

  it('adds a second query to the first', () => {
    const metrics = readScanRow(scan, { m0: 10, m7: null });
    readScanRow(
      {
        sql: '',
        bindings: [],
        metrics: [
          { alias: 'm0', kind: 'duplicate_rows', check: 'uniqueness:a+b' },
        ],
        skipped: [],
      },
      { m0: '3' },
      metrics,
    );
    expect(metrics.rowCount).toBe(10);
    expect(metrics.checks).toEqual({
      'no-negative-durations': { failingRows: undefined },
      'uniqueness:a+b': { duplicateRows: 3 },
    });
  });
});
