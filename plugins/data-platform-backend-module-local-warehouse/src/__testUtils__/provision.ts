import { mockServices } from '@backstage/backend-test-utils';
import {
  ChangeResult,
  DesiredResource,
  planResource,
  ResourcePlan,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Provisioner } from '@dataplatform/backstage-plugin-data-platform-node';
import type { Knex } from 'knex';
import { LocalWarehouseProvisioner } from '../provisioner/LocalWarehouseProvisioner';
import { LocalWarehouse } from '../warehouse/LocalWarehouse';

export const TEST_KEY = 'test-pseudonymization-key-0123456789';

/** A migrated warehouse in a test database, and its provisioner. */
export async function warehouseIn(knex: Knex, now?: () => number) {
  const warehouse = await LocalWarehouse.create({ knex, now });
  const provisioner = new LocalWarehouseProvisioner({
    warehouse,
    pseudonymizationKey: TEST_KEY,
  });
  return { warehouse, provisioner };
}

/** Observes the resources in bulk and plans each, as the engine does. */
export async function planAll(
  provisioner: Provisioner,
  resources: DesiredResource[],
): Promise<Map<string, ResourcePlan>> {
  const logger = mockServices.logger.mock();
  const observed = await provisioner.observe(resources, { logger });
  return new Map(
    resources.map(r => [
      r.id,
      planResource(r, observed.get(r.id), provisioner.capabilities),
    ]),
  );
}

/** Plans and applies every resource with changes, in the given (dependency) order. */
export async function provisionAll(
  provisioner: Provisioner,
  resources: DesiredResource[],
): Promise<{
  plans: Map<string, ResourcePlan>;
  results: Map<string, ChangeResult[]>;
}> {
  const logger = mockServices.logger.mock();
  const observed = await provisioner.observe(resources, { logger });
  const plans = new Map<string, ResourcePlan>();
  const results = new Map<string, ChangeResult[]>();
  for (const desired of resources) {
    const plan = planResource(
      desired,
      observed.get(desired.id),
      provisioner.capabilities,
    );
    plans.set(desired.id, plan);
    if (plan.changes.length === 0) continue;
    const applied = await provisioner.apply({
      desired,
      observed: observed.get(desired.id),
      plan,
      logger,
    });
    results.set(desired.id, applied.results);
  }
  return { plans, results };
}

/** Each change's action and status, e.g. `add-column columns.x: applied`. */
export function outcomes(results: ChangeResult[] | undefined): string[] {
  return (results ?? []).map(
    r =>
      `${r.change.action} ${r.change.field}: ${r.status}${
        r.message ? ` (${r.message})` : ''
      }`,
  );
}
