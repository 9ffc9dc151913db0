import {
  DesiredResource,
  DesiredResourceOf,
  resourceIds,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { forEachConcurrently, READS_AT_ONCE } from '../calls/inBatches';
import { versionOf } from '../calls/versionOf';
import { regionQualifier, VersionRow, versionsQuery } from './metadataQueries';
import {
  BigQueryObserveOptions,
  listProjects,
  QUERY_LABELS,
  tablesByRegion,
} from './observeBigQuery';
import { runQuery } from './runQuery';

/**
 * Versions of datasets and tables: per project the datasets.list that
 * observe reads too (a dataset's version is what it shows of it), and per
 * project and region one INFORMATION_SCHEMA query of a fingerprint per
 * table, for up to 5,000 tables.
 */
export async function bigQueryVersions(
  resources: DesiredResource[],
  options: Pick<BigQueryObserveOptions, 'clients' | 'caller' | 'signal'>,
): Promise<Map<string, string>> {
  const datasets = resources.filter(r => r.type === 'bigquery-dataset');
  const tables = resources.filter(
    (r): r is DesiredResourceOf<'bigquery-table'> =>
      r.type === 'bigquery-table',
  );
  const listed = await listProjects([...datasets, ...tables], options);
  const versions = new Map<string, string>();
  for (const dataset of datasets) {
    const found = listed
      .get(dataset.spec.project)
      ?.get((dataset as DesiredResourceOf<'bigquery-dataset'>).spec.dataset);
    if (found) versions.set(dataset.id, versionOf(found));
  }
  await forEachConcurrently(
    tablesByRegion(tables, listed),
    READS_AT_ONCE,
    async ({ project, location, names }) => {
      const rows = await runQuery<VersionRow>(
        options.clients.bigQuery(project),
        options.caller,
        {
          query: versionsQuery(regionQualifier(project, location)),
          tables: names,
          location,
          labels: QUERY_LABELS,
          signal: options.signal,
        },
      );
      for (const row of rows) {
        versions.set(
          resourceIds.table(project, row.dataset_id, row.table_id),
          String(row.version),
        );
      }
    },
  );
  return versions;
}
