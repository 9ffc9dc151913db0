import type { EndpointQuality } from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionInWords } from '../checks/partitionWords';
import { latestVolume } from './volumeFacts';

const rows = (n: number) => Math.round(n).toLocaleString('en-US');

/** What the volume chart shows, in a sentence (also the chart's label). */
export function volumeSummary(
  volume: NonNullable<EndpointQuality['volume']>,
  granularity?: string,
): string {
  const latest = latestVolume(volume);
  if (!latest) return 'No row counts recorded yet.';
  const head = `Latest partition ${partitionInWords(
    latest.partition,
    granularity,
  )}: ${rows(latest.rows)} rows`;
  const band = volume.band;
  if (!band) return `${head}.`;
  if (band.status === 'not_enough_history') {
    return `${head}. No expected band yet: it ${band.reason}.`;
  }
  const inside = latest.rows >= band.lower && latest.rows <= band.upper;
  const stretched = band.stretchedBy.length
    ? `, widened to hold ${band.stretchedBy.length} marked as normal`
    : '';
  return `${head}, ${inside ? 'inside' : 'outside'} the expected ${rows(
    band.lower,
  )}–${rows(band.upper)} (median ${rows(band.median)}), learned from ${
    band.points.length
  } earlier partitions at the same hour of the week${stretched}.`;
}
