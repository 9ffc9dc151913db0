import {
  AnonymizationTransform,
  DesiredResourceOf,
  resourceIds,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  ApplyRequest,
  ApplyResult,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { Knex } from 'knex';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import type { WarehouseDelivery } from '../warehouse/types';
import { WarehouseRefusal } from '../warehouse/WarehouseRefusal';
import { applyChanges } from './applyChanges';

type DesiredDelivery = DesiredResourceOf<'delivery'>;

/** The delivery as the catalog describes it, with its transform. */
function deliveryOf(
  desired: DesiredDelivery,
  transform: AnonymizationTransform,
): WarehouseDelivery {
  const { project, subscription, topic, table, eventType, revision, fields } =
    desired.spec;
  return {
    id: desired.id,
    project,
    subscription,
    topic,
    table,
    eventType,
    revision,
    fields,
    transform,
    labels: desired.spec.labels,
  };
}

async function requireTable(
  warehouse: LocalWarehouse,
  db: Knex,
  desired: DesiredDelivery,
) {
  const { project, dataset, table } = desired.spec.table;
  if (!(await warehouse.table(desired.spec.table, db))) {
    throw new WarehouseRefusal(
      `the table ${project}.${dataset}.${table} is not in the local warehouse yet: apply ${resourceIds.table(
        project,
        dataset,
        table,
      )} first`,
    );
  }
}

/**
 * Records a delivery (an existing one is success), its anonymization
 * transform generated from the event type's PII marks, its target table and
 * labels. Events land through `LocalWarehouse.deliver`; there is no local
 * Pub/Sub, so the topic is only recorded.
 */
export async function applyDelivery(
  warehouse: LocalWarehouse,
  request: ApplyRequest & { desired: DesiredDelivery },
  transformOf: (desired: DesiredDelivery) => AnonymizationTransform,
): Promise<ApplyResult> {
  const { desired } = request;
  return applyChanges<WarehouseDelivery | undefined>(
    warehouse.knex,
    request,
    async db => (await warehouse.deliveries([desired.id], db)).get(desired.id),
    async (db, delivery, change) => {
      if (change.action === 'create') {
        if (delivery) return { state: delivery, message: 'already existed' };
        await requireTable(warehouse, db, desired);
        const created = deliveryOf(desired, transformOf(desired));
        await warehouse.saveDelivery(db, created);
        return { state: created };
      }
      if (!delivery) {
        throw new WarehouseRefusal(
          `${desired.id} does not exist in the local warehouse`,
        );
      }
      let changed: WarehouseDelivery;
      switch (change.action) {
        case 'set-transform': {
          const { eventType, revision, fields } = desired.spec;
          const transform = transformOf(desired);
          changed = { ...delivery, eventType, revision, fields, transform };
          break;
        }
        case 'set-delivery-table':
          await requireTable(warehouse, db, desired);
          changed = { ...delivery, table: desired.spec.table };
          break;
        case 'set-labels':
          changed = {
            ...delivery,
            labels: { ...delivery.labels, ...desired.spec.labels },
          };
          break;
        default:
          return {
            state: delivery,
            skipped: `${change.action} is not a change the local warehouse makes to a delivery`,
          };
      }
      await warehouse.saveDelivery(db, changed);
      return { state: changed };
    },
  );
}
