import type {
  ResourcePlan,
  ResourceState,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * Where a resource stands, from its plan and its history: in sync when the
 * plan has nothing to do or refuse; failed when the last apply of this very
 * desired state did not finish; drifted when the catalog has not changed
 * since the apply that brought it in sync (so the resource did); blocked
 * when the catalog asks only for what the plan refuses, since no apply can
 * end that and waiting would be forever; pending otherwise.
 */
export function resourceState(options: {
  managed: boolean;
  plan?: ResourcePlan;
  desiredFingerprint: string;
  appliedFingerprint?: string | null;
  lastApply?: { status: string; desiredFingerprint?: string } | null;
}): ResourceState {
  const { plan } = options;
  if (!options.managed || !plan) return 'unmanaged';
  if (plan.changes.length === 0 && plan.refusals.length === 0) {
    return 'in-sync';
  }
  if (
    options.lastApply &&
    (options.lastApply.status === 'failed' ||
      options.lastApply.status === 'partial') &&
    options.lastApply.desiredFingerprint === options.desiredFingerprint
  ) {
    return 'failed';
  }
  if (
    plan.action !== 'create' &&
    options.appliedFingerprint === options.desiredFingerprint
  ) {
    return 'drifted';
  }
  if (plan.changes.length === 0) return 'blocked';
  return 'pending';
}
