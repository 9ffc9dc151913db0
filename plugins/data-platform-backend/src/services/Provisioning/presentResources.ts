import type {
  ApplyRecord,
  ProvisionedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ProvisionerRegistry } from './ProvisionerRegistry';
import type {
  ProvisioningStore,
  StoredApply,
  StoredResource,
} from './ProvisioningStore';

/** An apply as the API shows it. */
export function presentApply(apply: StoredApply): ApplyRecord {
  const { desiredFingerprint: _fingerprint, ...record } = apply;
  return record;
}

/** Stored resources as the API shows them, with their last applies. */
export async function presentResources(
  resources: StoredResource[],
  deps: { store: ProvisioningStore; registry: ProvisionerRegistry },
): Promise<ProvisionedResource[]> {
  const applies = await deps.store.applies(
    resources
      .map(r => r.lastApplyId)
      .filter((id): id is number => id !== undefined),
  );
  return resources.map(r => {
    const provisioner = r.provisioner
      ? deps.registry.get(r.provisioner)
      : undefined;
    const lastApply =
      r.lastApplyId !== undefined ? applies.get(r.lastApplyId) : undefined;
    const presented: ProvisionedResource = {
      id: r.id,
      type: r.type,
      entityRef: r.entityRef,
      owner: r.owner,
      desired: r.desired,
      state: r.state,
    };
    if (provisioner) {
      presented.provisioner = { id: provisioner.id, title: provisioner.title };
    }
    if (r.plan) presented.plan = r.plan;
    if (r.error) presented.error = r.error;
    if (r.observedAt)
      presented.observedAt = new Date(r.observedAt).toISOString();
    if (lastApply) presented.lastApply = presentApply(lastApply);
    return presented;
  });
}
