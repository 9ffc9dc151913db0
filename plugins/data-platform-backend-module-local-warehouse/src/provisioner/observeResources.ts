import type {
  DesiredResource,
  DesiredResourceOf,
  ObservedResource,
  ObservedTable,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { CatalogColumn } from '../warehouse/dialects';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { physicalTableName } from '../warehouse/physicalNames';
import type { WarehouseTable } from '../warehouse/types';

const ofType = <T extends DesiredResource['type']>(
  resources: DesiredResource[],
  type: T,
) => resources.filter(r => r.type === type) as DesiredResourceOf<T>[];

function observedTable(
  warehouse: LocalWarehouse,
  desired: DesiredResourceOf<'bigquery-table'>,
  table: WarehouseTable | undefined,
  columns: CatalogColumn[],
): ObservedTable {
  const { project, dataset, table: name } = desired.spec;
  const fields = warehouse.fieldsOf(table, columns);
  if (!table) {
    // Made by hand: only its columns are known.
    return {
      project,
      dataset,
      table: name,
      fields,
      clustering: [],
      requirePartitionFilter: false,
      labels: {},
    };
  }
  return {
    project,
    dataset,
    table: name,
    ...(table.description ? { description: table.description } : {}),
    fields,
    ...(table.timePartitioning
      ? { timePartitioning: table.timePartitioning }
      : {}),
    clustering: table.clustering,
    ...(table.partitionExpirationDays !== undefined
      ? { partitionExpirationDays: table.partitionExpirationDays }
      : {}),
    requirePartitionFilter: table.requirePartitionFilter,
    labels: table.labels,
  };
}

/**
 * The datasets, tables and deliveries of the local warehouse, read in bulk:
 * the metadata of all of them in one query per type (per 500), and the
 * columns of every table from the database's own catalog in one query (per
 * 500 tables), so that a column added, dropped or retyped by hand shows.
 * A table exists when its SQL table does; datasets and deliveries when
 * their metadata does.
 */
export async function observeResources(
  warehouse: LocalWarehouse,
  resources: DesiredResource[],
): Promise<Map<string, ObservedResource>> {
  const observed = new Map<string, ObservedResource>();

  const datasets = ofType(resources, 'bigquery-dataset');
  const foundDatasets = await warehouse.datasets(datasets.map(d => d.id));
  for (const desired of datasets) {
    const found = foundDatasets.get(desired.id);
    if (!found) continue;
    const { project, dataset, labels } = found;
    observed.set(desired.id, {
      type: 'bigquery-dataset',
      id: desired.id,
      spec: { project, dataset, labels },
    });
  }

  const tables = ofType(resources, 'bigquery-table');
  const names = tables.map(t => physicalTableName(t.spec));
  const recorded = await warehouse.tables(names);
  const columns = await warehouse.columns(names);
  tables.forEach((desired, i) => {
    const tableColumns = columns.get(names[i]);
    if (!tableColumns) return;
    const table = recorded.get(names[i]);
    // A table recorded under another address shares this one's physical
    // name: not this table (its create says so).
    if (table && table.id !== desired.id) return;
    observed.set(desired.id, {
      type: 'bigquery-table',
      id: desired.id,
      spec: observedTable(warehouse, desired, table, tableColumns),
    });
  });

  const deliveries = ofType(resources, 'delivery');
  const foundDeliveries = await warehouse.deliveries(deliveries.map(d => d.id));
  for (const desired of deliveries) {
    const found = foundDeliveries.get(desired.id);
    if (!found) continue;
    observed.set(desired.id, {
      type: 'delivery',
      id: desired.id,
      spec: {
        project: found.project,
        subscription: found.subscription,
        topic: found.topic,
        table: found.table,
        labels: found.labels,
        transformFingerprint: found.transform.fingerprint,
      },
    });
  }
  return observed;
}
