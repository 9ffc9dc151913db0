import {
  partitionEnd,
  partitionStartAt,
  previousPartitionStart,
} from './partitions';

const t = (iso: string) => Date.parse(iso);

describe('partitions', () => {
  it('finds the partition holding a time, and its end, per granularity', () => {
    const at = t('2026-03-31T10:05:00Z');
    expect(partitionStartAt('HOUR', at)).toBe(t('2026-03-31T10:00:00Z'));
    expect(partitionStartAt('DAY', at)).toBe(t('2026-03-31T00:00:00Z'));
    expect(partitionStartAt('MONTH', at)).toBe(t('2026-03-01T00:00:00Z'));
    expect(partitionStartAt('YEAR', at)).toBe(t('2026-01-01T00:00:00Z'));
    expect(partitionEnd('MONTH', t('2026-01-01T00:00:00Z'))).toBe(
      t('2026-02-01T00:00:00Z'),
    );
    expect(partitionEnd('DAY', t('2026-12-31T00:00:00Z'))).toBe(
      t('2027-01-01T00:00:00Z'),
    );
  });

  it('takes the period that had just ended as what a run without a nominal time wrote', () => {
    expect(previousPartitionStart('HOUR', t('2026-03-31T10:05:00Z'))).toBe(
      t('2026-03-31T09:00:00Z'),
    );
    expect(previousPartitionStart('DAY', t('2026-03-01T00:30:00Z'))).toBe(
      t('2026-02-28T00:00:00Z'),
    );
  });
});
