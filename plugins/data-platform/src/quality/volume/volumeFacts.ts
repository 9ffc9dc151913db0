import type {
  EndpointQuality,
  VolumePoint,
} from '@dataplatform/backstage-plugin-data-platform-common';

type Volume = NonNullable<EndpointQuality['volume']>;

/** The newest partition with a row count: the one the band was learned for. */
export function latestVolume(volume: Volume): VolumePoint | undefined {
  return [...volume.history].sort(
    (a, b) => Date.parse(b.partition) - Date.parse(a.partition),
  )[0];
}

/**
 * Partitions whose row count fell outside what was expected, newest
 * first, that nobody marked as normal yet: the latest one when it is
 * outside the learned band, and any a volume_anomaly check failed on.
 */
export function partitionsOutsideBand(quality: EndpointQuality): VolumePoint[] {
  const volume = quality.volume;
  if (!volume) return [];
  const marked = new Set(volume.markedNormal.map(p => Date.parse(p.partition)));
  const rowsAt = new Map(
    volume.history.map(p => [Date.parse(p.partition), p.rows]),
  );
  const outside = new Map<number, VolumePoint>();
  const latest = latestVolume(volume);
  const band = volume.band;
  if (
    latest &&
    band?.status === 'learned' &&
    (latest.rows < band.lower || latest.rows > band.upper)
  ) {
    outside.set(Date.parse(latest.partition), latest);
  }
  for (const r of quality.results) {
    if (r.type !== 'volume_anomaly' || r.status !== 'fail' || !r.partition) {
      continue;
    }
    const at = Date.parse(r.partition);
    const rows = rowsAt.get(at);
    if (rows !== undefined) outside.set(at, { partition: r.partition, rows });
  }
  return [...outside.entries()]
    .filter(([at]) => !marked.has(at))
    .sort(([a], [b]) => b - a)
    .map(([, point]) => point);
}
