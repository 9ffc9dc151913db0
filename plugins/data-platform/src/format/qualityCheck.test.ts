import { qualityCheckLabel, qualityCheckRule } from './qualityCheck';

describe('quality check words', () => {
  it('labels check types', () => {
    expect(qualityCheckLabel('null_rate')).toBe('Null rate');
    expect(qualityCheckLabel('custom_sql')).toBe('Custom SQL');
  });

  it('states each rule', () => {
    expect(qualityCheckRule({ type: 'freshness', maxDelay: 'PT2H' })).toBe(
      "lands within 2 hours of the partition period's end",
    );
    expect(qualityCheckRule({ type: 'volume', minRows: 1000000 })).toBe(
      'at least 1,000,000 rows per partition',
    );
    expect(
      qualityCheckRule({
        type: 'null_rate',
        column: 'user_id',
        maxNullRate: 0.005,
      }),
    ).toBe('at most 0.5% nulls in user_id');
    expect(qualityCheckRule({ type: 'uniqueness', column: 'event_id' })).toBe(
      'event_id is unique',
    );
  });
});
