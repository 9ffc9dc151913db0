import type { PartitionStatus } from '@dataplatform/backstage-plugin-data-platform-common';
import { gridGranularity, partitionSlots } from './partitionSlots';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function partition(
  iso: string,
  state: PartitionStatus['state'] = 'landed_on_time',
): PartitionStatus {
  return {
    pipelineRef: 'pipeline:default/p',
    partition: iso,
    periodEnd: iso,
    deadline: iso,
    state,
    attempts: 1,
  };
}

describe('gridGranularity', () => {
  it('follows the schedule, and the partition spacing for cron', () => {
    expect(gridGranularity('hourly', [])).toBe('hour');
    expect(gridGranularity('daily', [])).toBe('day');
    expect(gridGranularity('streaming', [])).toBeUndefined();
    const hourly = [
      '2026-11-26T01:00:00Z',
      '2026-11-26T02:00:00Z',
      '2026-11-26T03:00:00Z',
    ];
    expect(
      gridGranularity(
        'cron',
        hourly.map(p => partition(p)),
      ),
    ).toBe('hour');
    const daily = ['2026-11-24T23:00:00Z', '2026-11-25T23:00:00Z'];
    expect(
      gridGranularity(
        'cron',
        daily.map(p => partition(p)),
      ),
    ).toBe('day');
    expect(gridGranularity('cron', [])).toBe('day');
  });
});

describe('partitionSlots', () => {
  const now = Date.parse('2026-11-26T09:40:00Z');

  it('covers the last 48 hours for hourly pipelines, oldest first, gaps kept', () => {
    const slots = partitionSlots(
      [
        partition('2026-11-26T08:00:00Z', 'late'),
        partition('2026-11-26T06:00:00Z'),
      ],
      'hour',
      now,
    );
    expect(slots).toHaveLength(48);
    expect(new Date(slots[47].start).toISOString()).toBe(
      '2026-11-26T09:00:00.000Z',
    );
    expect(new Date(slots[0].start).toISOString()).toBe(
      '2026-11-24T10:00:00.000Z',
    );
    expect(slots[46].partition?.state).toBe('late');
    expect(slots[45].partition).toBeUndefined();
    expect(slots[44].partition?.state).toBe('landed_on_time');
  });

  it('covers the last 30 days for daily pipelines, aligned to their time zone, across DST', () => {
    // Europe/Stockholm days: 23:00 UTC in winter, 22:00 UTC in summer time
    const slots = partitionSlots(
      [
        partition('2026-11-25T23:00:00Z', 'failed'),
        partition('2026-10-24T22:00:00Z'),
        partition('2026-10-28T23:00:00Z'),
      ],
      'day',
      now,
    );
    expect(slots).toHaveLength(30);
    expect(new Date(slots[29].start).toISOString()).toBe(
      '2026-11-25T23:00:00.000Z',
    );
    expect(slots[29].partition?.state).toBe('failed');
    expect(slots[0].start).toBe(Date.parse('2026-11-25T23:00:00Z') - 29 * DAY);
    const matched = slots
      .filter(s => s.partition)
      .map(s => s.partition!.partition);
    expect(matched).toEqual(['2026-10-28T23:00:00Z', '2026-11-25T23:00:00Z']);
  });

  it('matches a partition shifted by an hour (DST) to its day', () => {
    const slots = partitionSlots(
      [
        partition('2026-11-25T23:00:00Z'),
        partition('2026-11-10T22:00:00Z', 'landed_late'),
      ],
      'day',
      now,
    );
    const shifted = slots.find(s => s.partition?.state === 'landed_late');
    expect(new Date(shifted!.start).toISOString()).toBe(
      '2026-11-10T23:00:00.000Z',
    );
  });

  it('still shows the window when there are no partitions at all (a stopped scheduler)', () => {
    const slots = partitionSlots([], 'hour', now);
    expect(slots).toHaveLength(48);
    expect(slots.every(s => !s.partition)).toBe(true);
    expect(new Date(slots[47].start).toISOString()).toBe(
      '2026-11-26T09:00:00.000Z',
    );
  });

  it('ignores partitions of the future', () => {
    const slots = partitionSlots(
      [partition('2026-11-26T12:00:00Z', 'pending')],
      'hour',
      now,
    );
    expect(slots.some(s => s.partition)).toBe(false);
  });
});
