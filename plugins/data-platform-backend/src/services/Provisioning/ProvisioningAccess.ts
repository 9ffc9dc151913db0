import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { provisioningApplyPermission } from '@dataplatform/backstage-plugin-data-platform-common';
import { specRef } from '../CatalogSync/specRef';
import { OwnerAccess } from '../OwnerAccess';

export { actorOf } from '../OwnerAccess';

/**
 * Who may see and apply an entity's provisioning: reading follows the
 * catalog's read decision for the entity (asked as the caller); applying is
 * for the entity's owners and for holders of `dataplatform.provisioning.apply`.
 */
export class ProvisioningAccess {
  private readonly owners: OwnerAccess;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
    },
  ) {
    this.owners = new OwnerAccess(deps);
  }

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
    return this.owners.mayAct(
      typeof owner === 'string' ? specRef(entity, owner, 'group') : undefined,
      credentials,
      provisioningApplyPermission,
    );
  }

  /**
   * Which resource owners the caller may apply for: every one with the
   * permission, else the owners among its ownership refs.
   */
  async applicableOwners(
    credentials: BackstageCredentials,
  ): Promise<((ownerRef: string) => boolean) | undefined> {
    if (await this.owners.holds(credentials, provisioningApplyPermission)) {
      return undefined;
    }
    const refs = new Set(await this.owners.ownershipRefs(credentials));
    return ownerRef => refs.has(ownerRef);
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
