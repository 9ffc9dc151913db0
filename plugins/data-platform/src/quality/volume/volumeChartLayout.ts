import type {
  VolumeBand,
  VolumePoint,
} from '@dataplatform/backstage-plugin-data-platform-common';

export const CHART_HEIGHT = 200;
export const CHART_MARGIN = { top: 10, right: 40, bottom: 22, left: 56 };

/** A point of the chart, with what makes it stand out. */
export type ChartPoint = VolumePoint & {
  x: number;
  y: number;
  /** The band learned from it (the same hour of the week). */
  learnedFrom: boolean;
  markedNormal: boolean;
  latest: boolean;
  /** Set for the latest point when a band was learned. */
  inBand?: boolean;
};

export type VolumeChartLayout = {
  points: ChartPoint[];
  /** The latest partition's band, as a bar at its x. */
  band?: { x: number; top: number; bottom: number; median: number };
  y(rows: number): number;
  yTicks: number[];
  /** Where the time axis is labelled, and with what. */
  xTicks: { x: number; label: string }[];
};

const DAY_MS = 86_400_000;
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const hourFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;
/** Steps the time axis is labelled at: whole hours, then whole days. */
const TIME_STEPS = [1, 2, 3, 6, 12, 24, 48, 72, 168].map(h => h * HOUR_MS);

/**
 * Ticks over [first, last] at whole hours or days (UTC), at most `count`:
 * days and hours over a span under four days, days over a longer one.
 */
function timeTicks(
  first: number,
  last: number,
  count: number,
  x: (t: number) => number,
): { x: number; label: string }[] {
  const label = (t: number, withHours: boolean) => {
    const date = new Date(t);
    return withHours
      ? `${dayFormat.format(date)} ${hourFormat.format(date)}`
      : dayFormat.format(date);
  };
  if (last <= first) return [{ x: x(first), label: label(first, false) }];
  const span = last - first;
  const step =
    TIME_STEPS.find(s => span / s <= count - 1) ??
    Math.ceil(span / (count - 1) / DAY_MS) * DAY_MS;
  const withHours = step < DAY_MS;
  const ticks: { x: number; label: string }[] = [];
  for (let t = Math.ceil(first / step) * step; t <= last; t += step) {
    ticks.push({ x: x(t), label: label(t, withHours) });
  }
  return ticks;
}

/** Round steps for the row axis: 1, 2 or 5 times a power of ten, whole rows. */
function niceTicks(max: number, count = 4): number[] {
  const raw = Math.max(1, max / count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= raw)!;
  const ticks = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(v);
  return ticks;
}

/**
 * Where each history point, the band and the axes go in a chart `width`
 * wide: time left to right, rows bottom to top from zero.
 */
export function volumeChartLayout(
  history: VolumePoint[],
  markedNormal: VolumePoint[],
  band: VolumeBand | undefined,
  width: number,
): VolumeChartLayout {
  const sorted = [...history].sort(
    (a, b) => Date.parse(a.partition) - Date.parse(b.partition),
  );
  const times = sorted.map(p => Date.parse(p.partition));
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? 1;
  const learned = band?.status === 'learned' ? band : undefined;
  const top = Math.max(1, ...sorted.map(p => p.rows), learned?.upper ?? 0);
  const yTicks = niceTicks(top * 1.05);
  const yMax = yTicks[yTicks.length - 1] || 1;
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = CHART_HEIGHT - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const x = (t: number) =>
    CHART_MARGIN.left +
    (last > first ? ((t - first) / (last - first)) * plotWidth : plotWidth / 2);
  const y = (rows: number) => CHART_MARGIN.top + plotHeight * (1 - rows / yMax);
  const learnedFrom = new Set(
    (band?.points ?? []).map(p => Date.parse(p.partition)),
  );
  const marked = new Set(markedNormal.map(p => Date.parse(p.partition)));
  const points = sorted.map((p, i) => {
    const isLatest = i === sorted.length - 1;
    return {
      ...p,
      x: x(times[i]),
      y: y(p.rows),
      learnedFrom: learnedFrom.has(times[i]),
      markedNormal: marked.has(times[i]),
      latest: isLatest,
      ...(isLatest && learned
        ? { inBand: p.rows >= learned.lower && p.rows <= learned.upper }
        : {}),
    };
  });
  const tickCount = Math.max(2, Math.min(6, Math.floor(plotWidth / 120)));
  const xTicks = sorted.length ? timeTicks(first, last, tickCount, x) : [];
  return {
    points,
    ...(learned && sorted.length
      ? {
          band: {
            x: x(last),
            top: y(learned.upper),
            bottom: y(learned.lower),
            median: y(learned.median),
          },
        }
      : {}),
    y,
    yTicks,
    xTicks,
  };
}
