import type { DesiredResourceOf } from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  ApplyRequest,
  ApplyResult,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import type { WarehouseDataset } from '../warehouse/types';
import { WarehouseRefusal } from '../warehouse/WarehouseRefusal';
import { applyChanges } from './applyChanges';

/**
 * Records a dataset (an existing one is success) or sets its labels. A
 * dataset has no SQL form here: the tables of every dataset share the
 * database, each under its physical name.
 */
export async function applyDataset(
  warehouse: LocalWarehouse,
  request: ApplyRequest & { desired: DesiredResourceOf<'bigquery-dataset'> },
): Promise<ApplyResult> {
  const { desired } = request;
  return applyChanges<WarehouseDataset | undefined>(
    warehouse.knex,
    request,
    async db => (await warehouse.datasets([desired.id], db)).get(desired.id),
    async (db, dataset, change) => {
      if (change.action === 'create') {
        if (dataset) return { state: dataset, message: 'already existed' };
        const created = { id: desired.id, ...desired.spec };
        await warehouse.saveDataset(db, created);
        return { state: created };
      }
      if (!dataset) {
        throw new WarehouseRefusal(
          `${desired.id} does not exist in the local warehouse`,
        );
      }
      if (change.action === 'set-labels') {
        const labelled = {
          ...dataset,
          labels: { ...dataset.labels, ...desired.spec.labels },
        };
        await warehouse.saveDataset(db, labelled);
        return { state: labelled };
      }
      return {
        state: dataset,
        skipped: `${change.action} is not a change the local warehouse makes to a dataset`,
      };
    },
  );
}
