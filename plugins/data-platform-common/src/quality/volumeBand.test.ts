import type { VolumePoint } from './types';
import { volumeBand } from './volumeBand';

const HOUR = 60 * 60 * 1000;

/** A deterministic wobble in [-1, 1]. */
const wobble = (i: number) => Math.sin(i * 12.9898) * 0.999;

/**
 * Plays per hour of a listening table: a daily curve (quiet at night, a
 * peak in the evening), weekends 30% busier, ±4% noise; five weeks of
 * hourly partitions up to, not including, Tuesday 2026-11-24 20:00.
 */
function hourlyPlays(): VolumePoint[] {
  const points: VolumePoint[] = [];
  const start = Date.parse('2026-10-20T00:00:00.000Z'); // a Tuesday
  for (let i = 0; i < 5 * 7 * 24; i++) {
    const time = new Date(start + i * HOUR);
    const hour = time.getUTCHours();
    const weekend = [0, 6].includes(time.getUTCDay()) ? 1.3 : 1;
    const daily =
      20_000 + 60_000 * Math.max(0, Math.sin(((hour - 14) / 24) * 2 * Math.PI));
    points.push({
      partition: time.toISOString(),
      rows: Math.round(daily * weekend * (1 + 0.04 * wobble(i))),
    });
  }
  return points;
}

const tuesdayEvening = '2026-11-24T20:00:00.000Z';

describe('volumeBand', () => {
  const history = hourlyPlays();

  it('learns the same hour of the week, not the hour before or the weekend', () => {
    const band = volumeBand(history, tuesdayEvening);
    if (band.status !== 'learned') throw new Error(band.reason);
    expect(band.points.map(p => p.partition)).toEqual([
      '2026-10-27T20:00:00.000Z',
      '2026-11-03T20:00:00.000Z',
      '2026-11-10T20:00:00.000Z',
      '2026-11-17T20:00:00.000Z',
    ]);
    const usual = history.find(
      p => p.partition === '2026-11-17T20:00:00.000Z',
    )!.rows;
    expect(band.lower).toBeLessThan(usual);
    expect(band.upper).toBeGreaterThan(usual);
    // Half the usual evening, or the night's volume at this hour, is out.
    expect(band.lower).toBeGreaterThan(usual * 0.5);
    const night = history.find(
      p => p.partition === '2026-11-17T03:00:00.000Z',
    )!.rows;
    expect(night).toBeLessThan(band.lower);
    // A Saturday evening learns a busier band.
    const saturday = volumeBand(history, '2026-11-21T20:00:00.000Z');
    expect(saturday.status === 'learned' && saturday.median).toBeGreaterThan(
      band.median * 1.2,
    );
  });

  it('shrugs off a holiday dip in its history', () => {
    const holiday = history.map(p =>
      p.partition.startsWith('2026-11-10')
        ? { ...p, rows: Math.round(p.rows * 0.4) }
        : p,
    );
    const plain = volumeBand(history, tuesdayEvening);
    const withDip = volumeBand(holiday, tuesdayEvening);
    if (plain.status !== 'learned' || withDip.status !== 'learned')
      throw new Error();
    expect(Math.abs(withDip.median - plain.median) / plain.median).toBeLessThan(
      0.05,
    );
    expect(withDip.lower).toBeGreaterThan(plain.median * 0.7);
  });

  it('is taught by points marked as normal', () => {
    const last = history.find(p => p.partition === '2026-11-17T20:00:00.000Z')!;
    const dip = Math.round(last.rows * 0.45);
    const unmarked = volumeBand(history, tuesdayEvening);
    if (unmarked.status !== 'learned') throw new Error();
    expect(dip).toBeLessThan(unmarked.lower);
    // The owner marks this evening's dip (a release freeze) as normal.
    const marked = volumeBand(history, tuesdayEvening, {
      markedNormal: [{ partition: tuesdayEvening, rows: dip }],
    });
    expect(marked).toMatchObject({ status: 'learned', lower: dip });
    // Marked last week, it teaches this week's band to expect it too.
    const taught = volumeBand(history, tuesdayEvening, {
      markedNormal: [{ partition: last.partition, rows: dip }],
    });
    expect(taught.status === 'learned' && taught.lower).toBeLessThanOrEqual(
      dip,
    );
    // And ages out with the window.
    const threeWeeksAgo = { partition: '2026-11-03T20:00:00.000Z', rows: dip };
    expect(
      volumeBand(history, tuesdayEvening, {
        weeks: 2,
        markedNormal: [threeWeeksAgo],
      }),
    ).toEqual(volumeBand(history, tuesdayEvening, { weeks: 2 }));
  });

  it('needs two earlier partitions at the hour, and says so', () => {
    expect(volumeBand(history.slice(-200), tuesdayEvening)).toEqual({
      status: 'not_enough_history',
      points: [
        { partition: '2026-11-17T20:00:00.000Z', rows: expect.any(Number) },
      ],
      reason:
        'learns from the same hour of the week over the last 4 weeks: 1 earlier partition there, 2 needed',
    });
  });

  it('keeps a floor under tiny and flat histories', () => {
    const flat = [
      { partition: '2026-11-10T20:00:00.000Z', rows: 1000 },
      { partition: '2026-11-17T20:00:00.000Z', rows: 1000 },
    ];
    expect(volumeBand(flat, tuesdayEvening)).toMatchObject({
      lower: 750,
      upper: 1250,
    });
    const tiny = flat.map(p => ({ ...p, rows: 4 }));
    expect(volumeBand(tiny, tuesdayEvening)).toMatchObject({
      lower: 0,
      upper: 10,
    });
  });

  it('widens with the sensitivity and the spread, and reaches back the weeks asked', () => {
    const wide = volumeBand(history, tuesdayEvening, {
      sensitivity: 6,
      weeks: 2,
    });
    const narrow = volumeBand(history, tuesdayEvening, {
      sensitivity: 1,
      weeks: 2,
    });
    if (wide.status !== 'learned' || narrow.status !== 'learned')
      throw new Error();
    expect(wide.points).toHaveLength(2);
    expect(wide.upper - wide.lower).toBeGreaterThan(
      narrow.upper - narrow.lower,
    );
  });
});
