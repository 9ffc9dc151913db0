import { deadlineOf } from './deadlines';
import { calendarFor } from './periods';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const period = (p: { start: number; end: number }) => [
  iso(p.start),
  iso(p.end),
];

describe('partition periods and deadlines', () => {
  describe('hourly', () => {
    it('is the UTC hour, due end + SLA', () => {
      const calendar = calendarFor({ type: 'hourly' });
      const p = calendar.periodAt(t('2026-11-26T09:30:00Z'));
      expect(period(p)).toEqual([
        '2026-11-26T09:00:00.000Z',
        '2026-11-26T10:00:00.000Z',
      ]);
      expect(iso(deadlineOf(p, 'PT2H', undefined))).toBe(
        '2026-11-26T12:00:00.000Z',
      );
    });

    it('starts a period exactly at the hour', () => {
      const p = calendarFor({ type: 'hourly' }).periodAt(
        t('2026-11-26T10:00:00Z'),
      );
      expect(iso(p.start)).toBe('2026-11-26T10:00:00.000Z');
    });

    it('follows half-hour offsets (Asia/Kolkata)', () => {
      const p = calendarFor({
        type: 'hourly',
        timezone: 'Asia/Kolkata',
      }).periodAt(t('2026-11-26T09:10:00Z'));
      expect(period(p)).toEqual([
        '2026-11-26T08:30:00.000Z',
        '2026-11-26T09:30:00.000Z',
      ]);
    });

    it('keeps both 01:00 hours apart when New York falls back', () => {
      const calendar = calendarFor({
        type: 'hourly',
        timezone: 'America/New_York',
      });
      // 2026-11-01 01:00-02:00 local happens twice: EDT (05:00Z) then EST (06:00Z).
      const first = calendar.periodAt(t('2026-11-01T05:30:00Z'));
      const second = calendar.periodAt(t('2026-11-01T06:30:00Z'));
      expect(period(first)).toEqual([
        '2026-11-01T05:00:00.000Z',
        '2026-11-01T06:00:00.000Z',
      ]);
      expect(period(second)).toEqual([
        '2026-11-01T06:00:00.000Z',
        '2026-11-01T07:00:00.000Z',
      ]);
    });
  });

  describe('daily', () => {
    it('runs from local midnight to local midnight', () => {
      const p = calendarFor({
        type: 'daily',
        timezone: 'Europe/Stockholm',
      }).periodAt(t('2026-11-26T12:00:00Z'));
      expect(period(p)).toEqual([
        '2026-11-25T23:00:00.000Z',
        '2026-11-26T23:00:00.000Z',
      ]);
      expect(iso(deadlineOf(p, 'PT6H', 'Europe/Stockholm'))).toBe(
        '2026-11-27T05:00:00.000Z',
      );
    });

    it('is 23 hours long when daylight saving starts and 25 when it ends', () => {
      const calendar = calendarFor({
        type: 'daily',
        timezone: 'Europe/Stockholm',
      });
      const spring = calendar.periodAt(t('2026-03-29T12:00:00Z'));
      const autumn = calendar.periodAt(t('2026-10-25T12:00:00Z'));
      expect(period(spring)).toEqual([
        '2026-03-28T23:00:00.000Z',
        '2026-03-29T22:00:00.000Z',
      ]);
      expect(spring.end - spring.start).toBe(23 * 3_600_000);
      expect(period(autumn)).toEqual([
        '2026-10-24T22:00:00.000Z',
        '2026-10-25T23:00:00.000Z',
      ]);
      expect(autumn.end - autumn.start).toBe(25 * 3_600_000);
    });

    it('adds a calendar day across a DST change, but fixed hours as hours', () => {
      const calendar = calendarFor({
        type: 'daily',
        timezone: 'Europe/Stockholm',
      });
      const saturday = calendar.periodAt(t('2026-03-28T12:00:00Z'));
      // P1D after Sunday 00:00 CET is Monday 00:00 CEST: 23 hours later.
      expect(iso(deadlineOf(saturday, 'P1D', 'Europe/Stockholm'))).toBe(
        '2026-03-29T22:00:00.000Z',
      );
      expect(iso(deadlineOf(saturday, 'PT24H', 'Europe/Stockholm'))).toBe(
        '2026-03-29T23:00:00.000Z',
      );
    });

    it('is the UTC day without a time zone', () => {
      const p = calendarFor({ type: 'daily' }).periodAt(
        t('2026-11-26T00:00:00Z'),
      );
      expect(period(p)).toEqual([
        '2026-11-26T00:00:00.000Z',
        '2026-11-27T00:00:00.000Z',
      ]);
    });
  });

  describe('cron', () => {
    it('runs from one fire time to the next, in the schedule time zone', () => {
      const calendar = calendarFor({
        type: 'cron',
        cron: '0 7 * * *',
        timezone: 'Europe/Stockholm',
      });
      const p = calendar.periodAt(t('2026-11-26T12:00:00Z'));
      expect(period(p)).toEqual([
        '2026-11-26T06:00:00.000Z',
        '2026-11-27T06:00:00.000Z',
      ]);
      expect(iso(deadlineOf(p, 'PT3H', 'Europe/Stockholm'))).toBe(
        '2026-11-27T09:00:00.000Z',
      );
    });

    it('treats a fire time as the start of the next period', () => {
      const calendar = calendarFor({
        type: 'cron',
        cron: '0 7 * * *',
        timezone: 'Europe/Stockholm',
      });
      expect(iso(calendar.periodAt(t('2026-11-26T06:00:00Z')).start)).toBe(
        '2026-11-26T06:00:00.000Z',
      );
      expect(iso(calendar.periodAt(t('2026-11-26T05:59:59Z')).start)).toBe(
        '2026-11-25T06:00:00.000Z',
      );
    });

    it('has a 23-hour period over the spring DST change', () => {
      const calendar = calendarFor({
        type: 'cron',
        cron: '0 7 * * *',
        timezone: 'Europe/Stockholm',
      });
      const p = calendar.periodAt(t('2026-03-28T12:00:00Z'));
      // 07:00 CET = 06:00Z on Saturday, 07:00 CEST = 05:00Z on Sunday.
      expect(period(p)).toEqual([
        '2026-03-28T06:00:00.000Z',
        '2026-03-29T05:00:00.000Z',
      ]);
    });

    it('steps a six-hourly cron', () => {
      const calendar = calendarFor({ type: 'cron', cron: '0 */6 * * *' });
      const periods = calendar.periodsEndingIn(
        t('2026-11-26T00:00:00Z'),
        t('2026-11-26T18:00:00Z'),
      );
      expect(periods.map(p => iso(p.end))).toEqual([
        '2026-11-26T06:00:00.000Z',
        '2026-11-26T12:00:00.000Z',
        '2026-11-26T18:00:00.000Z',
      ]);
    });

    it('makes weekday-only periods span the weekend', () => {
      const calendar = calendarFor({ type: 'cron', cron: '0 8 * * 1-5' });
      // Friday 2026-11-27 08:00 to Monday 2026-11-30 08:00.
      const p = calendar.periodAt(t('2026-11-28T12:00:00Z'));
      expect(period(p)).toEqual([
        '2026-11-27T08:00:00.000Z',
        '2026-11-30T08:00:00.000Z',
      ]);
    });

    it('answers earlier periods after later ones (cached fire times extend backwards)', () => {
      const calendar = calendarFor({
        type: 'cron',
        cron: '30 6 * * *',
        timezone: 'Europe/Stockholm',
      });
      calendar.periodAt(t('2026-11-26T12:00:00Z'));
      expect(period(calendar.periodAt(t('2026-11-20T12:00:00Z')))).toEqual([
        '2026-11-20T05:30:00.000Z',
        '2026-11-21T05:30:00.000Z',
      ]);
    });
  });

  it('answers a period it found lately as it found it, and its neighbours apart', () => {
    const calendar = calendarFor({ type: 'daily', timezone: 'Europe/Oslo' });
    // Around the autumn change (2026-10-25 is 25 hours long in Oslo).
    const asks = [
      '2026-10-25T12:00:00Z',
      '2026-10-24T21:59:59Z',
      '2026-10-25T22:59:59Z',
      '2026-10-25T23:00:00Z',
      '2026-10-25T01:00:00Z',
      '2026-10-24T22:00:00Z',
    ].map(at => period(calendar.periodAt(t(at))));
    const oct24 = ['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z'];
    const oct25 = ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'];
    const oct26 = ['2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z'];
    expect(asks).toEqual([oct25, oct24, oct25, oct26, oct25, oct25]);
    // A period handed out is the caller's to change.
    const first = calendar.periodAt(t('2026-10-25T12:00:00Z'));
    first.end = 0;
    expect(period(calendar.periodAt(t('2026-10-25T12:00:00Z')))).toEqual(oct25);
  });

  it('lists the periods ending in a range, oldest first', () => {
    const periods = calendarFor({ type: 'hourly' }).periodsEndingIn(
      t('2026-11-26T09:00:00Z'),
      t('2026-11-26T12:00:00Z'),
    );
    expect(periods.map(p => iso(p.end))).toEqual([
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T11:00:00.000Z',
      '2026-11-26T12:00:00.000Z',
    ]);
  });

  it('refuses an unknown time zone and a bad cron expression', () => {
    expect(() =>
      calendarFor({ type: 'daily', timezone: 'Mars/Olympus' }),
    ).toThrow(/Mars\/Olympus/);
    expect(() => calendarFor({ type: 'cron', cron: '61 * * * *' })).toThrow();
    expect(() =>
      deadlineOf({ start: 0, end: 0 }, 'two hours', undefined),
    ).toThrow(/two hours/);
  });
});
