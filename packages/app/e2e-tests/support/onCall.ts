import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

/** What the browser tests read of a row of `GET /health/oncall`. */
export type OnCallRow = {
  pipelineRef: string;
  title: string;
  owner: string;
  state: string;
  since?: string;
  failureReason?: string;
  alert?: { id: string; state: string };
  rootCause?: { chain: { pipelineRef: string }[] };
};

/**
 * Waits (up to 4 minutes: the demo feeder's runs, then a health sweep) for
 * a row of the on-call list, late or failed now, that `wanted` accepts.
 */
export async function waitForOnCallRow(
  api: APIRequestContext,
  options: {
    owners?: string[];
    wanted(row: OnCallRow): boolean;
    /** What is waited for, for the failure message. */
    message: string;
  },
): Promise<OnCallRow> {
  const query = new URLSearchParams({ filter: 'problems', limit: '100' });
  if (options.owners) query.set('owners', options.owners.join(','));
  let found: OnCallRow | undefined;
  await expect
    .poll(
      async () => {
        const res = await api.get(`api/data-platform/health/oncall?${query}`);
        if (!res.ok()) return undefined;
        const { rows } = (await res.json()) as { rows: OnCallRow[] };
        found = rows.find(options.wanted);
        return found?.pipelineRef;
      },
      { message: options.message, timeout: 240_000, intervals: [5_000] },
    )
    .toBeTruthy();
  return found!;
}
