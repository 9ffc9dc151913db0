import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  openLineageAdminPermission,
  openLineageEventCreatePermission,
  openLineageRebuildPermission,
  pipelineHealthOnCallPermission,
  provisioningApplyPermission,
  qualityRunPermission,
  schemaChangeDecidePermission,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { DataPlatformPolicyConfig } from './config';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/** Permissions only platform administrators hold. */
const adminOnly: Permission[] = [
  openLineageRebuildPermission,
  openLineageAdminPermission,
  // Owners act on their own entities without these (the data-platform
  // backend checks ownership itself); the permission is the override.
  provisioningApplyPermission,
  qualityRunPermission,
  schemaChangeDecidePermission,
  catalogLocationDeletePermission,
];

/** Who the policy is deciding for. */
type Caller = { ownershipRefs: string[]; admin: boolean; onCall: boolean };

/**
 * The data platform portal's permission policy.
 *
 * - Catalog: anyone signed in reads every entity, registers locations (the
 *   catalog's `rules` say which kinds may come in) and refreshes entities;
 *   an entity is deleted by its owners (a conditional decision on the
 *   catalog's `isEntityOwner` rule) or an admin; locations by admins.
 * - Data platform: the backend lets an entity's owners act on its alerts,
 *   provisioning plans and quality checks, and decide to ship a schema
 *   change that breaks their event type's consumers, by itself; the permissions it asks
 *   for are the overrides for everyone else: on-call groups act on any
 *   alert; admins hold every data-platform permission.
 * - OpenLineage writes: never for a user. Services (static tokens, external
 *   access, other backend plugins) are decided before any policy, by their
 *   `accessRestrictions`.
 * - Every other permission of a `dataplatform.` name: admins only, so a
 *   new one is closed until this policy says otherwise.
 * - Everything else (scaffolder, search, notifications, ...): allowed, as
 *   Backstage's own default.
 *
 * @public
 */
export class DataPlatformPermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: Set<string>;
  private readonly onCallGroups: Set<string>;

  constructor(
    private readonly deps: {
      config: DataPlatformPolicyConfig;
      userInfo: UserInfoService;
    },
  ) {
    this.adminGroups = new Set(deps.config.adminGroups);
    this.onCallGroups = new Set(deps.config.onCallGroups);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (isPermission(permission, catalogEntityReadPermission)) return allow;
    if (isPermission(permission, catalogEntityRefreshPermission)) return allow;
    if (isPermission(permission, openLineageEventCreatePermission)) {
      return deny;
    }

    const caller = await this.callerOf(user);
    if (caller.admin) return allow;
    if (isPermission(permission, pipelineHealthOnCallPermission)) {
      return caller.onCall ? allow : deny;
    }
    if (adminOnly.some(p => isPermission(permission, p))) return deny;
    if (isPermission(permission, catalogEntityDeletePermission)) {
      if (caller.ownershipRefs.length === 0) return deny;
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: caller.ownershipRefs }),
      );
    }
    if (permission.name.startsWith('dataplatform.')) return deny;
    return allow;
  }

  private async callerOf(user?: PolicyQueryUser): Promise<Caller> {
    const principal = user?.credentials.principal as
      | { type?: string }
      | undefined;
    if (!user || principal?.type !== 'user') {
      return { ownershipRefs: [], admin: false, onCall: false };
    }
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      user.credentials,
    );
    const refs = ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US'));
    return {
      ownershipRefs: ownershipEntityRefs,
      admin: refs.some(r => this.adminGroups.has(r)),
      onCall: refs.some(r => this.onCallGroups.has(r)),
    };
  }
}
