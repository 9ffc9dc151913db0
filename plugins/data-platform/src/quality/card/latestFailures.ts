import type {
  EndpointQuality,
  QualityResultView,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * The newest failed or unmeasurable result of each check, newest first,
 * at most `limit`: one line per check that is failing, not one per
 * partition it failed on.
 */
export function latestFailures(
  quality: EndpointQuality,
  limit = 3,
): QualityResultView[] {
  const seen = new Set<string>();
  return quality.results
    .filter(r => r.status === 'fail' || r.status === 'error')
    .sort((a, b) => Date.parse(b.evaluatedAt) - Date.parse(a.evaluatedAt))
    .filter(r => {
      const check = `${r.name}\u0000${r.source}`;
      if (seen.has(check)) return false;
      seen.add(check);
      return true;
    })
    .slice(0, limit);
}
