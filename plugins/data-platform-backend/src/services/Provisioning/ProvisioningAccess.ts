import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { provisioningApplyPermission } from '@dataplatform/backstage-plugin-data-platform-common';

/** Who the caller is, as the apply log records it. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}

/**
 * Who may see and apply an entity's provisioning: reading follows the
 * catalog's read decision for the entity (asked as the caller); applying is
 * for the entity's owners and for holders of `dataplatform.provisioning.apply`.
 */
export class ProvisioningAccess {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
    },
  ) {}

  /** The entity as the caller may read it, or a NotFoundError. */
  async readable(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    return entity;
  }

  async mayApply(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    const principal = credentials.principal as { type?: string };
    if (principal.type === 'user' && typeof owner === 'string') {
      const ownerRef = stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      );
      const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
        credentials,
      );
      if (ownershipEntityRefs.includes(ownerRef)) return true;
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: provisioningApplyPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  async assertMayApply(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.mayApply(entity, credentials))) {
      throw new NotAllowedError(
        `Only the owners of ${stringifyEntityRef(entity)} or holders of ${
          provisioningApplyPermission.name
        } may apply its provisioning`,
      );
    }
  }
}
