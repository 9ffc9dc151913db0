import {
  DesiredResourceOf,
  fieldMode,
  PlannedChange,
  resourceIds,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  ApplyRequest,
  ApplyResult,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { Knex } from 'knex';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { physicalTableName } from '../warehouse/physicalNames';
import {
  addWarehouseColumn,
  createWarehouseTable,
  relaxWarehouseColumn,
  setClusteringIndexes,
} from '../warehouse/tableDdl';
import type { WarehouseTable } from '../warehouse/types';
import { WarehouseRefusal } from '../warehouse/WarehouseRefusal';
import { applyChanges, ChangeStep } from './applyChanges';
import { columnPath, fieldAt, withFieldAt } from './fieldPaths';

type DesiredTable = DesiredResourceOf<'bigquery-table'>;

/** A table as it stands during an apply: its metadata, if recorded, and its SQL columns. */
type TableState = { table?: WarehouseTable; columns: string[] };

/** A table's metadata as the catalog describes it. */
export function tableOf(desired: DesiredTable): WarehouseTable {
  const { access: _access, ...spec } = desired.spec;
  return {
    ...spec,
    id: desired.id,
    physicalName: physicalTableName(spec),
  };
}

/** What a table without recorded metadata (made by hand) is taken for: what observe reported. */
function tableAsFound(
  warehouse: LocalWarehouse,
  desired: DesiredTable,
  columns: Parameters<LocalWarehouse['fieldsOf']>[1],
): WarehouseTable {
  const { project, dataset, table } = desired.spec;
  return {
    id: desired.id,
    physicalName: physicalTableName(desired.spec),
    project,
    dataset,
    table,
    fields: warehouse.fieldsOf(undefined, columns),
    requirePartitionFilter: false,
    clustering: [],
    labels: {},
  };
}

function refuse(message: string): never {
  throw new WarehouseRefusal(message);
}

async function createTable(
  warehouse: LocalWarehouse,
  db: Knex,
  desired: DesiredTable,
  state: TableState,
): Promise<ChangeStep<TableState>> {
  const wanted = tableOf(desired);
  const { project, dataset, table } = desired.spec;
  const recorded = (await warehouse.tables([wanted.physicalName], db)).get(
    wanted.physicalName,
  );
  if (recorded && recorded.id !== desired.id) {
    refuse(
      `${project}.${dataset}.${table} and ${recorded.project}.${recorded.dataset}.${recorded.table} share the physical name ${wanted.physicalName}: rename one of them`,
    );
  }
  if (state.columns.length > 0) {
    // A retry after a lost answer, or a table made by hand: it stays as it is.
    const found = recorded ?? state.table!;
    if (!recorded) await warehouse.saveTable(db, found);
    return { state: { ...state, table: found }, message: 'already existed' };
  }
  const datasetId = resourceIds.dataset(project, dataset);
  if (!(await warehouse.datasets([datasetId], db)).has(datasetId)) {
    refuse(
      `the dataset ${project}.${dataset} is not in the local warehouse: apply ${datasetId} first`,
    );
  }
  await createWarehouseTable(db, warehouse.dialect, wanted);
  await warehouse.saveTable(db, wanted);
  return {
    state: { table: wanted, columns: wanted.fields.map(f => f.name) },
  };
}

/** The table after one in-place change, its SQL table altered where the change needs it. */
async function changeTable(
  warehouse: LocalWarehouse,
  db: Knex,
  desired: DesiredTable,
  table: WarehouseTable,
  columns: string[],
  change: PlannedChange,
): Promise<WarehouseTable | string> {
  const spec = desired.spec;
  const path = columnPath(change.field);
  switch (change.action) {
    case 'add-column': {
      if (!path) return refuse(`${change.field} is not a column`);
      const field = fieldAt(spec.fields, path);
      if (!field) return refuse(`the catalog no longer has the column ${path}`);
      if (fieldMode(field) === 'REQUIRED') {
        refuse(
          `${path} is REQUIRED: a REQUIRED column cannot be added to an existing table; add it NULLABLE`,
        );
      }
      if (!path.includes('.')) {
        await addWarehouseColumn(
          db,
          warehouse.dialect,
          table.physicalName,
          field,
        );
      }
      return { ...table, fields: withFieldAt(table.fields, path, () => field) };
    }
    case 'relax-mode': {
      if (!path) return refuse(`${change.field} is not a column`);
      if (!path.includes('.')) {
        const column = columns.find(
          c => c.toLowerCase() === path.toLowerCase(),
        );
        if (!column) refuse(`the table has no column ${path}`);
        await relaxWarehouseColumn(db, table.physicalName, column);
      }
      const fields = withFieldAt(table.fields, path, f => ({
        ...f!,
        mode: 'NULLABLE',
      }));
      return { ...table, fields };
    }
    case 'set-description': {
      if (!path) return { ...table, description: spec.description };
      const description = fieldAt(spec.fields, path)?.description;
      const fields = withFieldAt(table.fields, path, f => {
        const { description: _old, ...rest } = f!;
        return description ? { ...rest, description } : rest;
      });
      return { ...table, fields };
    }
    case 'set-partition-expiration':
      return {
        ...table,
        partitionExpirationDays: spec.partitionExpirationDays,
      };
    case 'set-partition-filter':
      return { ...table, requirePartitionFilter: spec.requirePartitionFilter };
    case 'set-clustering':
      await setClusteringIndexes(
        db,
        table,
        table.clustering,
        spec.clustering,
        columns,
      );
      return { ...table, clustering: spec.clustering };
    case 'set-labels':
      return { ...table, labels: { ...table.labels, ...spec.labels } };
    case 'set-policy-tag':
      return 'the local warehouse has no policy tags; the column is stored without one';
    case 'grant':
    case 'revoke':
      return 'access is not enforced by the local warehouse';
    default:
      return `${change.action} is not a change the local warehouse makes to a table`;
  }
}

/**
 * Creates a table (an existing one is success) or changes it in place:
 * adds columns, drops NOT NULL, sets descriptions, expiration, the
 * partition filter flag, clustering indexes and labels. Never drops or
 * retypes a column, never recreates a table.
 */
export async function applyTable(
  warehouse: LocalWarehouse,
  request: ApplyRequest & { desired: DesiredTable },
): Promise<ApplyResult> {
  const { desired } = request;
  const name = physicalTableName(desired.spec);
  return applyChanges<TableState>(
    warehouse.knex,
    request,
    async db => {
      const columns = (await warehouse.columns([name], db)).get(name) ?? [];
      const table =
        (await warehouse.table(desired.spec, db)) ??
        (columns.length
          ? tableAsFound(warehouse, desired, columns)
          : undefined);
      return { table, columns: columns.map(c => c.name) };
    },
    async (db, state, change) => {
      if (change.action === 'create') {
        return createTable(warehouse, db, desired, state);
      }
      if (!state.table) {
        refuse(`${desired.id} does not exist in the local warehouse`);
      }
      const changed = await changeTable(
        warehouse,
        db,
        desired,
        state.table,
        state.columns,
        change,
      );
      if (typeof changed === 'string') return { state, skipped: changed };
      await warehouse.saveTable(db, changed);
      const path = columnPath(change.field);
      const columns =
        change.action === 'add-column' && path && !path.includes('.')
          ? [...state.columns, path]
          : state.columns;
      return { state: { table: changed, columns } };
    },
  );
}
