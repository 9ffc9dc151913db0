/*
 * The baseline a bulk observe is measured against: one GET per resource
 * (tables.get, datasets.get, topics.get, subscriptions.get, schemas.get),
 * sent as the REST APIs take them and paced at Google's 100 requests per
 * second per method, in virtual time.
 */
import type { DesiredResource } from '@dataplatform/backstage-plugin-data-platform-common';
import type { VirtualClock } from './virtualClock';

/** The GET that reads one resource, and its API method. */
function getOf(resource: DesiredResource): { method: string; path: string } {
  const { spec } = resource;
  switch (resource.type) {
    case 'bigquery-dataset':
      return {
        method: 'bigquery.datasets.get',
        path: `/bigquery/v2/projects/${spec.project}/datasets/${resource.spec.dataset}`,
      };
    case 'bigquery-table':
      return {
        method: 'bigquery.tables.get',
        path: `/bigquery/v2/projects/${spec.project}/datasets/${resource.spec.dataset}/tables/${resource.spec.table}`,
      };
    case 'pubsub-topic':
      return {
        method: 'pubsub.topics.get',
        path: `/v1/projects/${spec.project}/topics/${resource.spec.topic}`,
      };
    case 'pubsub-schema':
      return {
        method: 'pubsub.schemas.get',
        path: `/v1/projects/${spec.project}/schemas/${resource.spec.schema}`,
      };
    default:
      return {
        method: 'pubsub.subscriptions.get',
        path: `/v1/projects/${spec.project}/subscriptions/${resource.spec.subscription}`,
      };
  }
}

/** Google's limit of requests per second per method. */
const PER_SECOND = 100;

export async function observeOneByOne(
  resources: DesiredResource[],
  endpoint: string,
  clock: VirtualClock,
  concurrency: number,
): Promise<{ calls: number; found: number; googleMs: number; wallMs: number }> {
  const started = { wall: Date.now(), google: clock.now() };
  // When each method may send next: its calls 10 ms apart, Google's rate.
  const nextAt = new Map<string, number>();
  let found = 0;
  let calls = 0;
  await clock.forEach(resources, concurrency, async resource => {
    const { method, path } = getOf(resource);
    const at = Math.max(clock.now(), nextAt.get(method) ?? 0);
    nextAt.set(method, at + 1000 / PER_SECOND);
    if (at > clock.now()) await clock.sleep(at - clock.now());
    const res = await fetch(`${endpoint}${path}`, {
      headers: { authorization: 'Bearer bench-token' },
    });
    await res.arrayBuffer();
    calls++;
    if (res.status === 200) found++;
    else if (res.status !== 404) {
      throw new Error(`GET ${path} answered ${res.status}`);
    }
  });
  return {
    calls,
    found,
    googleMs: clock.now() - started.google,
    wallMs: Date.now() - started.wall,
  };
}
