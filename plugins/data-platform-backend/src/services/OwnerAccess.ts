import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/** Who the caller is, as logs and audit entries record it. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}

/**
 * The plugin's rule for acting on an entity's things (its resources, its
 * checks): its owners may, from the catalog's ownership; anyone else needs
 * a permission the app's policy grants.
 */
export class OwnerAccess {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      userInfo: UserInfoService;
    },
  ) {}

  /** Whether the caller is a user among whose ownership refs `ownerRef` is. */
  async owns(
    ownerRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const principal = credentials.principal as { type?: string };
    if (principal.type !== 'user' || !ownerRef) return false;
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    return ownershipEntityRefs.includes(ownerRef);
  }

  /** The caller's ownership refs: its user and groups (none for a service). */
  async ownershipRefs(credentials: BackstageCredentials): Promise<string[]> {
    const principal = credentials.principal as { type?: string };
    if (principal.type !== 'user') return [];
    return (await this.deps.userInfo.getUserInfo(credentials))
      .ownershipEntityRefs;
  }

  /** Whether the policy grants the caller `permission`. */
  async holds(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Owners may; others when the policy grants them `permission`. */
  async mayAct(
    ownerRef: string | undefined,
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    if (await this.owns(ownerRef, credentials)) return true;
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }
}
