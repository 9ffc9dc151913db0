import type { FailedQualityCheck } from '@dataplatform/backstage-plugin-data-platform-common';

/** What a bad-data alert is about beyond its pipeline and partition. */
export type BadDataDetails = {
  /** The failing critical checks, by endpoint and check name. */
  checks: FailedQualityCheck[];
  /**
   * Pipelines reading the bad data downstream, by ref; set on an alert that
   * is its own root cause (its owners fix it, these owners are told).
   */
  readers?: string[];
};

/** The JSON an alert stores; the same details always give the same text. */
export function stringifyBadDataDetails(details: BadDataDetails): string {
  return JSON.stringify({
    checks: details.checks.map(c => ({
      endpointRef: c.endpointRef,
      check: c.check,
      message: c.message,
      source: c.source,
    })),
    ...(details.readers?.length ? { readers: details.readers } : {}),
  });
}

export function parseBadDataDetails(json: string): BadDataDetails {
  return JSON.parse(json) as BadDataDetails;
}
