import { scheduleInWords } from './schedule';

describe('scheduleInWords', () => {
  it.each([
    [{ type: 'hourly' as const }, 'hourly'],
    [{ type: 'daily' as const }, 'daily'],
    [{ type: 'daily' as const, timezone: 'UTC' }, 'daily'],
    [
      { type: 'daily' as const, timezone: 'America/New_York' },
      'daily (America/New_York)',
    ],
    [{ type: 'streaming' as const }, 'streaming'],
    [
      {
        type: 'cron' as const,
        cron: '0 3 * * *',
        timezone: 'Europe/Stockholm',
      },
      'cron 0 3 * * * (Europe/Stockholm)',
    ],
    [
      { type: 'cron' as const, cron: ' */15 * * * * ' },
      'cron */15 * * * * (UTC)',
    ],
  ])('%j -> %s', (schedule, words) => {
    expect(scheduleInWords(schedule)).toBe(words);
  });

  it('says so when there is no schedule', () => {
    expect(scheduleInWords(undefined)).toBe('not scheduled');
  });
});
