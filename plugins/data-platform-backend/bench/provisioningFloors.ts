/*
 * The least a reconcile's steps can take on this machine, measured in the
 * same run: deriving and fingerprinting every desired resource, which a
 * re-plan does even when nothing changed (no reads, no writes), and
 * writing every resource's row once, which a full plan does.
 */
import {
  desiredResources,
  ProvisioningCatalog,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { desiredFingerprint } from '../src/services/Provisioning/PlanRecorder';
import type { ProvisioningStore } from '../src/services/Provisioning/ProvisioningStore';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Deriving and fingerprinting the catalog's resources, median of `runs`. */
export function deriveAndFingerprintMs(
  catalog: ProvisioningCatalog,
  runs = 3,
): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { resources } = desiredResources(catalog, {
      requirePartitionFilter: true,
    });
    for (const resource of resources) desiredFingerprint(resource);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Writing every stored row again, as a full plan writes them. */
export async function storeEveryRowMs(
  store: ProvisioningStore,
  ids: string[],
): Promise<number> {
  const rows = [...(await store.resources(ids)).values()];
  const started = performance.now();
  await store.putResources(rows);
  return performance.now() - started;
}
