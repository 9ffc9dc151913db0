import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DesiredResource,
  DesiredResourceOf,
  ObservedResource,
  PiiPolicyTags,
  resourceIds,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { bindingsOf } from '../access/iamPolicy';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { isNotFound } from '../calls/googleErrors';
import { forEachConcurrently, inBatches } from '../calls/inBatches';
import type { GoogleClients } from '../clients';
import { listDatasets, ListedDataset } from './listDatasets';
import {
  fieldsQuery,
  FieldRow,
  regionQualifier,
  TableRow,
  tablesQuery,
} from './metadataQueries';
import { observedTablesOf } from './observedTables';
import { tablePolicy } from './tableIam';

/** Tables per INFORMATION_SCHEMA query: keeps the `@tables` parameter and the answer small. */
export const TABLES_PER_QUERY = 5000;
/** IAM policies read at once when access is observed. */
const IAM_READS_AT_ONCE = 10;

export type BigQueryObserveOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  policyTags: PiiPolicyTags;
  observeAccess: boolean;
  signal?: AbortSignal;
  logger: LoggerService;
};

const byProject = <T extends { spec: { project: string } }>(items: T[]) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    groups.set(item.spec.project, [
      ...(groups.get(item.spec.project) ?? []),
      item,
    ]);
  }
  return groups;
};

/**
 * Datasets and tables in bulk: per project one datasets.list (labels and
 * locations), then per project and location two INFORMATION_SCHEMA queries
 * for up to {@link TABLES_PER_QUERY} tables: never a tables.get per table.
 * Table IAM policies have no bulk read: with `observeAccess` one
 * getIamPolicy per existing table follows.
 */
export async function observeBigQuery(
  resources: DesiredResource[],
  options: BigQueryObserveOptions,
): Promise<ObservedResource[]> {
  const datasets = resources.filter(
    (r): r is DesiredResourceOf<'bigquery-dataset'> =>
      r.type === 'bigquery-dataset',
  );
  const tables = resources.filter(
    (r): r is DesiredResourceOf<'bigquery-table'> =>
      r.type === 'bigquery-table',
  );
  const projects = new Set([...datasets, ...tables].map(r => r.spec.project));
  const listed = new Map<string, Map<string, ListedDataset>>();
  for (const project of projects) {
    listed.set(
      project,
      await listDatasets(
        options.clients.bigQuery(project),
        options.caller,
        options.signal,
      ),
    );
  }

  const observed: ObservedResource[] = [];
  for (const dataset of datasets) {
    const found = listed.get(dataset.spec.project)?.get(dataset.spec.dataset);
    if (!found) continue;
    observed.push({
      type: 'bigquery-dataset',
      id: dataset.id,
      spec: {
        project: dataset.spec.project,
        dataset: found.dataset,
        labels: found.labels,
      },
    });
  }

  for (const [project, projectTables] of byProject(tables)) {
    const byLocation = new Map<string, string[]>();
    for (const table of projectTables) {
      const found = listed.get(project)?.get(table.spec.dataset);
      if (!found) continue; // no dataset, no table
      const name = `${table.spec.dataset}.${table.spec.table}`;
      byLocation.set(found.location, [
        ...(byLocation.get(found.location) ?? []),
        name,
      ]);
    }
    for (const [location, names] of byLocation) {
      for (const batch of inBatches(names, TABLES_PER_QUERY)) {
        observed.push(
          ...(await observeTables(project, location, batch, options)),
        );
      }
    }
  }
  return observed;
}

async function observeTables(
  project: string,
  location: string,
  tables: string[],
  options: BigQueryObserveOptions,
): Promise<ObservedResource[]> {
  const bigQuery = options.clients.bigQuery(project);
  const qualifier = regionQualifier(project, location);
  const run = async <Row>(query: string): Promise<Row[]> => {
    const [rows] = await options.caller.call(
      { method: 'bigquery.jobs.query', signal: options.signal },
      () =>
        bigQuery.query({
          query,
          params: { tables },
          location,
          labels: { 'managed-by': 'backstage-data-platform' },
        }),
    );
    return rows as Row[];
  };
  const tableRows = await run<TableRow>(tablesQuery(qualifier));
  const fieldRows = await run<FieldRow>(fieldsQuery(qualifier));
  const found = observedTablesOf(
    project,
    tableRows,
    fieldRows,
    options.policyTags,
  );
  const observed = [...found.values()].map(spec => ({
    type: 'bigquery-table' as const,
    id: resourceIds.table(project, spec.dataset, spec.table),
    spec,
  }));
  if (!options.observeAccess) return observed;

  const present: ObservedResource[] = [];
  await forEachConcurrently(observed, IAM_READS_AT_ONCE, async table => {
    try {
      const policy = await tablePolicy(
        bigQuery,
        options.caller,
        table.spec,
        options.signal,
      ).read();
      present.push({
        ...table,
        spec: { ...table.spec, bindings: bindingsOf(policy) },
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      options.logger.debug(`${table.id} was deleted while it was observed`);
    }
  });
  return present;
}
