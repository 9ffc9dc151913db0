import type { VolumePoint } from './types';

/** Weeks of history a volume band learns from by default. */
export const DEFAULT_VOLUME_BAND_WEEKS = 4;
/** Half-width of the band in robust standard deviations, by default. */
export const DEFAULT_VOLUME_SENSITIVITY = 3;
/** Earlier partitions at the same hour of the week a band needs. */
export const MIN_VOLUME_BAND_POINTS = 2;

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Scales the median absolute deviation to a standard deviation for normal data. */
const MAD_TO_SIGMA = 1.4826;

/** How a volume band is learned. */
export type VolumeBandOptions = {
  /** Weeks of history; default {@link DEFAULT_VOLUME_BAND_WEEKS}. */
  weeks?: number;
  /** Half-width in robust deviations; default {@link DEFAULT_VOLUME_SENSITIVITY}. */
  sensitivity?: number;
  /** Row counts the owner marked as normal: learned from whatever they are, and always inside the band. */
  markedNormal?: VolumePoint[];
};

/** The expected row count of a partition, or why there is none yet. */
export type VolumeBand =
  | {
      status: 'learned';
      lower: number;
      upper: number;
      median: number;
      /** The half-width before marked-normal points stretched it. */
      halfWidth: number;
      /** The earlier partitions at the same hour of the week it learned from, oldest first. */
      points: VolumePoint[];
      /** Marked-normal points that stretched it. */
      stretchedBy: VolumePoint[];
    }
  | { status: 'not_enough_history'; points: VolumePoint[]; reason: string };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The band a partition's row count should fall in, learned from the
 * partitions at the same hour of the week (the same weekday, for daily
 * partitions: any partition a whole number of weeks earlier) over the last
 * `weeks` weeks, so weekly seasonality is in it and a trend older than the
 * window is not.
 *
 * Robust: the median ± k · MAD (the median absolute deviation scaled to a
 * standard deviation, k the sensitivity), so one holiday dip or spike in
 * the history moves it little. Never narrower than a floor: counts vary at
 * least like a Poisson count (k · √median), and a few points say little
 * about the spread, so at least median · (10% + 30% / points): 25% with 2
 * points, 17.5% with 4, nearing 10% with many. With fewer than
 * {@link MIN_VOLUME_BAND_POINTS} earlier partitions there is no band.
 *
 * Marked-normal points teach it: within the window they replace the
 * history of their partition (so the spread learns from them) and the
 * band is stretched to hold each of them, the judged partition's own
 * included; they age out with the window.
 */
export function volumeBand(
  history: VolumePoint[],
  at: string,
  options: VolumeBandOptions = {},
): VolumeBand {
  const weeks = options.weeks ?? DEFAULT_VOLUME_BAND_WEEKS;
  const k = options.sensitivity ?? DEFAULT_VOLUME_SENSITIVITY;
  const atMs = Date.parse(at);
  const weeksBefore = (point: VolumePoint) => {
    const gap = atMs - Date.parse(point.partition);
    return gap >= 0 && gap % WEEK_MS === 0 ? gap / WEEK_MS : undefined;
  };
  const inWindow = (point: VolumePoint, includeAt: boolean) => {
    const w = weeksBefore(point);
    return w !== undefined && w <= weeks && (includeAt || w > 0);
  };

  const byPartition = new Map<number, VolumePoint>();
  for (const point of history.filter(p => inWindow(p, false))) {
    byPartition.set(Date.parse(point.partition), point);
  }
  const marked = (options.markedNormal ?? []).filter(p => inWindow(p, true));
  for (const point of marked.filter(p => inWindow(p, false))) {
    byPartition.set(Date.parse(point.partition), point);
  }
  const points = [...byPartition.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, point]) => point);

  if (points.length < MIN_VOLUME_BAND_POINTS) {
    return {
      status: 'not_enough_history',
      points,
      reason: `learns from the same hour of the week over the last ${weeks} weeks: ${
        points.length
      } earlier partition${
        points.length === 1 ? '' : 's'
      } there, ${MIN_VOLUME_BAND_POINTS} needed`,
    };
  }
  const values = points.map(p => p.rows);
  const middle = median(values);
  const deviation =
    MAD_TO_SIGMA * median(values.map(v => Math.abs(v - middle)));
  const halfWidth = Math.max(
    k * deviation,
    k * Math.sqrt(middle),
    middle * (0.1 + 0.3 / points.length),
  );
  let lower = Math.max(0, middle - halfWidth);
  let upper = middle + halfWidth;
  const stretchedBy: VolumePoint[] = [];
  for (const point of marked) {
    if (point.rows < lower || point.rows > upper) stretchedBy.push(point);
    lower = Math.min(lower, point.rows);
    upper = Math.max(upper, point.rows);
  }
  return {
    status: 'learned',
    lower,
    upper,
    median: middle,
    halfWidth,
    points,
    stretchedBy,
  };
}
