import type {
  EndpointQuality,
  QualityResultView,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The newest failed or unmeasurable results, newest first, at most `limit`. */
export function latestFailures(
  quality: EndpointQuality,
  limit = 3,
): QualityResultView[] {
  return quality.results
    .filter(r => r.status === 'fail' || r.status === 'error')
    .sort((a, b) => Date.parse(b.evaluatedAt) - Date.parse(a.evaluatedAt))
    .slice(0, limit);
}
