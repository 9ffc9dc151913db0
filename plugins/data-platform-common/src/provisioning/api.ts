import { createPermission } from '@backstage/plugin-permission-common';
import type { DesiredStateProblem } from './desiredResources';
import type { ChangeResult, ResourcePlan } from './plans';
import type { DesiredResource, ResourceType } from './resources';

/**
 * Where a resource stands:
 * - `in-sync`: it is as the catalog says;
 * - `pending`: the catalog changed and the plan waits to be applied;
 * - `drifted`: the catalog did not change since the last apply, but the
 *   resource did (a column added by hand, retention changed in the console);
 * - `blocked`: the catalog asks only for what the plan refuses (a column
 *   retyped or dropped, the partitioning changed): applying can do nothing,
 *   and it stays so until a person changes the catalog or the resource;
 * - `failed`: the last apply of this plan failed, in part or whole;
 * - `unmanaged`: no installed provisioner creates this kind of resource.
 */
export type ResourceState =
  | 'in-sync'
  | 'pending'
  | 'drifted'
  | 'blocked'
  | 'failed'
  | 'unmanaged';

/** What started an apply. */
export type ApplyTrigger = 'manual' | 'auto' | 'scaffolder';

/** One apply of one resource: the audit log's entry. */
export type ApplyRecord = {
  id: number;
  resourceId: string;
  entityRef: string;
  /** Who asked: a user ref, or `reconcile` for the scheduled auto-apply. */
  actor: string;
  trigger: ApplyTrigger;
  status: 'running' | 'applied' | 'partial' | 'failed';
  plan: ResourcePlan;
  results?: ChangeResult[];
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
};

/** A resource with its state, as the Infrastructure tab shows it. */
export type ProvisionedResource = {
  id: string;
  type: ResourceType;
  entityRef: string;
  owner: string;
  desired: DesiredResource;
  state: ResourceState;
  /** The provisioner that creates it; unset when none does. */
  provisioner?: { id: string; title: string };
  /** The plan from what was last observed; unset when unmanaged. */
  plan?: ResourcePlan;
  /** Why it could not be observed. */
  error?: string;
  /** ISO 8601. */
  observedAt?: string;
  lastApply?: ApplyRecord;
};

/** The infrastructure of one catalog entity. */
export type EntityProvisioning = {
  entityRef: string;
  resources: ProvisionedResource[];
  /** What the catalog asks for that cannot be provisioned. */
  problems: DesiredStateProblem[];
  /** Whether the caller may apply (owner of the entity, or granted the permission). */
  canApply: boolean;
  /** Whether the scheduled reconcile applies additive changes by itself. */
  autoApply: 'none' | 'additive';
};

/** What an apply request did, resource by resource. */
export type ApplyResponse = {
  applies: ApplyRecord[];
  provisioning: EntityProvisioning;
};

/**
 * Apply provisioning plans of entities one does not own. Owners (from the
 * catalog) need no permission for their own entities' resources; a
 * permission policy grants this one to a platform team, e.g.:
 *
 * ```ts
 * if (isPermission(request.permission, provisioningApplyPermission)) {
 *   return user?.identity.ownershipEntityRefs.includes('group:default/data-infrastructure')
 *     ? { result: AuthorizeResult.ALLOW }
 *     : { result: AuthorizeResult.DENY };
 * }
 * ```
 */
export const provisioningApplyPermission = createPermission({
  name: 'dataplatform.provisioning.apply',
  attributes: { action: 'update' },
});

/** Every permission of the provisioning API. */
export const provisioningPermissions = [provisioningApplyPermission];
