import { volumeBand } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  CHART_HEIGHT,
  CHART_MARGIN,
  volumeChartLayout,
} from './volumeChartLayout';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const at = Date.parse('2026-12-07T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('volumeChartLayout', () => {
  const history = [
    ...[2, 1].map(w => ({ partition: iso(at - w * WEEK), rows: 1000 })),
    { partition: iso(at - HOUR), rows: 990 },
    { partition: iso(at), rows: 300 },
  ];
  const marked = [{ partition: iso(at - HOUR), rows: 990 }];
  const band = volumeBand(history.slice(0, 3), iso(at));

  it('places the latest partition against its band, marks where the band came from', () => {
    const layout = volumeChartLayout(history, marked, band, 800);
    expect(band.status).toBe('learned');
    const [oldest, , previous, latest] = layout.points;
    expect(oldest).toMatchObject({ learnedFrom: true, latest: false });
    expect(previous).toMatchObject({ learnedFrom: false, markedNormal: true });
    expect(latest).toMatchObject({ latest: true, inBand: false });
    expect(latest.x).toBe(800 - CHART_MARGIN.right);
    expect(oldest.x).toBe(CHART_MARGIN.left);
    expect(layout.band!.x).toBe(latest.x);
    expect(layout.band!.top).toBeLessThan(layout.band!.median);
    expect(layout.band!.median).toBeLessThan(layout.band!.bottom);
    expect(layout.y(0)).toBe(CHART_HEIGHT - CHART_MARGIN.bottom);
  });

  it('labels time at whole days over weeks, and rows at whole steps', () => {
    const layout = volumeChartLayout(history, [], band, 800);
    expect(layout.xTicks.map(t => t.label)).toEqual([
      'Thu 26 Nov',
      'Thu 3 Dec',
    ]);
    expect(layout.yTicks).toEqual([0, 500, 1000, 1500]);
  });

  it('labels hours over a day, and never a fraction of a row', () => {
    const day = [0, 6, 12, 18, 24].map(h => ({
      partition: iso(at - h * HOUR),
      rows: 0,
    }));
    const layout = volumeChartLayout(day, [], undefined, 800);
    expect(layout.xTicks.map(t => t.label)).toEqual([
      'Sun 6 Dec 12:00',
      'Sun 6 Dec 18:00',
      'Mon 7 Dec 00:00',
      'Mon 7 Dec 06:00',
    ]);
    expect(layout.yTicks).toEqual([0, 1]);
    expect(layout.band).toBeUndefined();
  });
});
