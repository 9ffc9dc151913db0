import type {
  DesiredResource,
  ObservedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { bindingsOf } from '../access/iamPolicy';
import { isNotFound } from '../calls/googleErrors';
import { forEachConcurrently, READS_AT_ONCE } from '../calls/inBatches';
import { versionOf } from '../calls/versionOf';
import type { BigQueryObserveOptions } from './observeBigQuery';
import { tablePolicy } from './tableIam';
import { observedTableOf } from './tableMetadata';

/** Resolves to undefined where Google finds nothing. */
async function unlessMissing<T>(
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * A few datasets and tables, one datasets.get or tables.get each: fewer
 * calls than listing a project's datasets and querying its region's
 * INFORMATION_SCHEMA, and no query billed. A table read this way has no
 * version (its fingerprint comes from the query); the next reconcile reads
 * it in bulk.
 */
export async function readBigQueryOneByOne(
  resources: DesiredResource[],
  options: BigQueryObserveOptions,
): Promise<ObservedResource[]> {
  const { clients, caller, signal } = options;
  const observed: ObservedResource[] = [];
  await forEachConcurrently(resources, READS_AT_ONCE, async resource => {
    const bigQuery = clients.bigQuery(resource.spec.project);
    if (resource.type === 'bigquery-dataset') {
      const { project, dataset } = resource.spec;
      const found = await unlessMissing(() =>
        caller.call({ method: 'bigquery.datasets.get', signal }, () =>
          bigQuery.dataset(dataset).getMetadata(),
        ),
      );
      if (!found) return;
      const [live] = found;
      // The shape datasets.list gives, so that the version is the same.
      const listed = {
        dataset,
        location: live.location,
        labels: live.labels ?? {},
      };
      observed.push({
        type: 'bigquery-dataset',
        id: resource.id,
        spec: { project, dataset, labels: listed.labels },
        version: versionOf(listed),
      });
    } else if (resource.type === 'bigquery-table') {
      const name = {
        project: resource.spec.project,
        dataset: resource.spec.dataset,
        table: resource.spec.table,
      };
      const found = await unlessMissing(() =>
        caller.call({ method: 'bigquery.tables.get', signal }, () =>
          bigQuery.dataset(name.dataset).table(name.table).getMetadata(),
        ),
      );
      if (!found) return;
      const spec = observedTableOf(name, found[0], options.policyTags);
      if (options.observeAccess) {
        const policy = await unlessMissing(() =>
          tablePolicy(bigQuery, caller, name, signal).read(),
        );
        if (!policy) return;
        spec.bindings = bindingsOf(policy);
      }
      observed.push({ type: 'bigquery-table', id: resource.id, spec });
    }
  });
  return observed;
}
