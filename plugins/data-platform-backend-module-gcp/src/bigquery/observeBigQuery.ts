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
import { versionOf } from '../calls/versionOf';
import {
  addTo,
  forEachConcurrently,
  inBatches,
  READS_AT_ONCE,
} from '../calls/inBatches';
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
import { readBigQueryOneByOne } from './readOneByOne';
import { runQuery } from './runQuery';
import { tablePolicy } from './tableIam';

/** Tables per INFORMATION_SCHEMA query: keeps the `@tables` parameter and the answer small. */
export const TABLES_PER_QUERY = 5000;
/** The labels of the provisioner's query jobs, which attribute their cost. */
export const QUERY_LABELS = { 'managed-by': 'backstage-data-platform' };
/** IAM policies read at once when access is observed. */
const IAM_READS_AT_ONCE = 10;

export type BigQueryObserveOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  policyTags: PiiPolicyTags;
  observeAccess: boolean;
  /** A project with at most this many datasets and tables asked about is read one by one. */
  readsOneByOneUpTo: number;
  signal?: AbortSignal;
  logger: LoggerService;
};

/** The datasets.list of each project the resources are in. */
export async function listProjects(
  resources: { spec: { project: string } }[],
  options: Pick<BigQueryObserveOptions, 'clients' | 'caller' | 'signal'>,
): Promise<Map<string, Map<string, ListedDataset>>> {
  const listed = new Map<string, Map<string, ListedDataset>>();
  const projects = [...new Set(resources.map(r => r.spec.project))];
  await forEachConcurrently(projects, READS_AT_ONCE, async project => {
    listed.set(
      project,
      await listDatasets(
        options.clients.bigQuery(project),
        options.caller,
        options.signal,
      ),
    );
  });
  return listed;
}

/**
 * The `dataset.table` names of the tables whose dataset exists, per project
 * and location (region-qualified INFORMATION_SCHEMA views cover one
 * region of one project), in batches of {@link TABLES_PER_QUERY}.
 */
export function tablesByRegion(
  tables: DesiredResourceOf<'bigquery-table'>[],
  listed: Map<string, Map<string, ListedDataset>>,
): { project: string; location: string; names: string[] }[] {
  const byRegion = new Map<string, string[]>();
  for (const table of tables) {
    const found = listed.get(table.spec.project)?.get(table.spec.dataset);
    if (!found) continue; // no dataset, no table
    addTo(
      byRegion,
      `${table.spec.project}/${found.location}`,
      `${table.spec.dataset}.${table.spec.table}`,
    );
  }
  return [...byRegion].flatMap(([key, names]) => {
    const [project, location] = key.split('/');
    return inBatches(names, TABLES_PER_QUERY).map(batch => ({
      project,
      location,
      names: batch,
    }));
  });
}

/**
 * Datasets and tables: a project's few one by one, its many in bulk.
 */
export async function observeBigQuery(
  resources: DesiredResource[],
  options: BigQueryObserveOptions,
): Promise<ObservedResource[]> {
  const perProject = new Map<string, number>();
  for (const r of resources) {
    perProject.set(r.spec.project, (perProject.get(r.spec.project) ?? 0) + 1);
  }
  const few = (r: DesiredResource) =>
    perProject.get(r.spec.project)! <= options.readsOneByOneUpTo;
  const [oneByOne, inBulk] = await Promise.all([
    readBigQueryOneByOne(resources.filter(few), options),
    observeInBulk(
      resources.filter(r => !few(r)),
      options,
    ),
  ]);
  return [...oneByOne, ...inBulk];
}

/**
 * Datasets and tables in bulk: per project one datasets.list (labels and
 * locations), then per project and location two INFORMATION_SCHEMA queries
 * for up to {@link TABLES_PER_QUERY} tables: never a tables.get per table.
 * Table IAM policies have no bulk read: with `observeAccess` one
 * getIamPolicy per existing table follows.
 */
async function observeInBulk(
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
  const listed = await listProjects([...datasets, ...tables], options);

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
      version: versionOf(found),
    });
  }

  await forEachConcurrently(
    tablesByRegion(tables, listed),
    READS_AT_ONCE,
    async ({ project, location, names }) => {
      for (const table of await observeTables(
        project,
        location,
        names,
        options,
      )) {
        observed.push(table);
      }
    },
  );
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
  const run = <Row>(query: string): Promise<Row[]> =>
    runQuery<Row>(bigQuery, options.caller, {
      query,
      tables,
      location,
      labels: QUERY_LABELS,
      signal: options.signal,
    });
  const tableRows = await run<TableRow>(tablesQuery(qualifier));
  const fieldRows = await run<FieldRow>(fieldsQuery(qualifier));
  const found = observedTablesOf(
    project,
    tableRows,
    fieldRows,
    options.policyTags,
  );
  const versions = new Map(
    tableRows.map(row => [`${row.dataset_id}.${row.table_id}`, row.version]),
  );
  const observed = [...found].map(([key, spec]) => ({
    type: 'bigquery-table' as const,
    id: resourceIds.table(project, spec.dataset, spec.table),
    spec,
    ...(versions.get(key) ? { version: String(versions.get(key)) } : {}),
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
