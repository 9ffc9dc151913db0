import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

/** What the browser tests read of `GET /quality/endpoints/:namespace/:name`. */
export type EndpointQuality = {
  entityRef: string;
  runner?: { id: string; title: string };
  score?: { score: number; day: string };
  partitions: string[];
  results: {
    name: string;
    status: 'pass' | 'fail' | 'error' | 'not_run';
    source: string;
    partition?: string;
    message: string;
    run?: { id: number; queries: { sql: string }[] };
  }[];
};

type Entity = {
  metadata: { name: string; namespace?: string; title?: string };
  spec?: { quality?: unknown[] };
};

/** The example DataEndpoints that declare quality checks. */
async function endpointsWithChecks(api: APIRequestContext): Promise<Entity[]> {
  const res = await api.get(
    'api/catalog/entities/by-query?filter=kind=dataendpoint&limit=500&fields=metadata,spec.quality',
  );
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: Entity[] };
  return items.filter(e => (e.spec?.quality?.length ?? 0) > 0);
}

/**
 * Waits (up to 5 minutes: the catalog sync, the demo's rows landing in the
 * local warehouse, the first check pass, then the score) for an endpoint
 * whose checks the runner has run and that has a score; one with a failed
 * check first, when the demo's defects made one.
 */
export async function waitForCheckedEndpoint(
  api: APIRequestContext,
): Promise<{ entity: Entity; quality: EndpointQuality }> {
  const candidates = await endpointsWithChecks(api);
  expect(candidates.length).toBeGreaterThan(0);
  let found: { entity: Entity; quality: EndpointQuality } | undefined;
  await expect
    .poll(
      async () => {
        const checked = [];
        for (const entity of candidates) {
          const { namespace = 'default', name } = entity.metadata;
          const res = await api.get(
            `api/data-platform/quality/endpoints/${namespace}/${name}`,
          );
          if (!res.ok()) continue;
          const quality = (await res.json()) as EndpointQuality;
          // A check the runner ran that the test can read on the page: a
          // failure with its query, or a pass (a freshness or volume
          // failure judged from partition metadata has no query).
          const ranHere = quality.results.some(
            r =>
              r.source === quality.runner?.id &&
              (r.status === 'pass' ||
                (r.status === 'fail' && !!r.run?.queries.length)),
          );
          if (ranHere && quality.score) checked.push({ entity, quality });
        }
        found =
          checked.find(c =>
            c.quality.results.some(
              r => r.status === 'fail' && !!r.run?.queries.length,
            ),
          ) ?? checked[0];
        return found?.quality.entityRef;
      },
      {
        message:
          'an endpoint whose declared checks the local-warehouse runner has run, with a score (catalog sync, demo rows, first check pass)',
        timeout: 300_000,
        intervals: [5_000],
      },
    )
    .toBeTruthy();
  return found!;
}
