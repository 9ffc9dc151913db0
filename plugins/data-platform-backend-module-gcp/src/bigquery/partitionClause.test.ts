import { parseTimePartitioning } from './partitionClause';

describe('parseTimePartitioning', () => {
  it.each([
    [
      'TIMESTAMP_TRUNC(event_time, HOUR)',
      { granularity: 'HOUR', field: 'event_time' },
    ],
    [
      'DATETIME_TRUNC(`created at`, MONTH)',
      { granularity: 'MONTH', field: 'created at' },
    ],
    ['DATE_TRUNC(day, YEAR)', { granularity: 'YEAR', field: 'day' }],
    ['DATE(event_time)', { granularity: 'DAY', field: 'event_time' }],
    ['event_date', { granularity: 'DAY', field: 'event_date' }],
    ['_PARTITIONDATE', { granularity: 'DAY' }],
    ['TIMESTAMP_TRUNC(_PARTITIONTIME, HOUR)', { granularity: 'HOUR' }],
  ])('reads %s', (clause, partitioning) => {
    expect(parseTimePartitioning(clause)).toEqual(partitioning);
  });

  it('reads no time partitioning from integer ranges or a missing clause', () => {
    expect(
      parseTimePartitioning(
        'RANGE_BUCKET(customer_id, GENERATE_ARRAY(0, 100, 10))',
      ),
    ).toBeUndefined();
    expect(parseTimePartitioning(null)).toBeUndefined();
  });
});
