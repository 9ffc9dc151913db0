import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  openLineageAdminPermission,
  openLineageEventCreatePermission,
  openLineageRebuildPermission,
  pipelineHealthOnCallPermission,
  provisioningApplyPermission,
  qualityRunPermission,
  schemaChangeDecidePermission,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { readDataPlatformPolicyConfig } from './config';
import { DataPlatformPermissionPolicy } from './DataPlatformPermissionPolicy';

// Ownership refs as the sign-in resolver gives them: the user and its groups.
const memberships: Record<string, string[]> = {
  'user:default/alice': ['group:default/listening'],
  'user:default/olga': ['group:default/sre'],
  'user:default/ada': ['group:default/Data-Platform-Admins'],
};

const policy = new DataPlatformPermissionPolicy({
  config: readDataPlatformPolicyConfig(
    mockServices.rootConfig({
      data: {
        dataPlatform: {
          permissions: {
            adminGroups: ['data-platform-admins'],
            onCallGroups: ['group:default/sre'],
          },
        },
      },
    }),
  ),
  userInfo: {
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...memberships[userEntityRef]],
      };
    },
  },
});

const as = (userEntityRef: string): PolicyQueryUser => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs: [] },
});

const decide = async (permission: Permission, user: string) =>
  (await policy.handle({ permission }, as(user))).result;

describe('DataPlatformPermissionPolicy', () => {
  it('lets on-call groups and admins act on any alert, nobody else', async () => {
    const p = pipelineHealthOnCallPermission;
    expect(await decide(p, 'user:default/olga')).toBe(AuthorizeResult.ALLOW);
    expect(await decide(p, 'user:default/ada')).toBe(AuthorizeResult.ALLOW);
    expect(await decide(p, 'user:default/alice')).toBe(AuthorizeResult.DENY);
  });

  it.each([
    openLineageRebuildPermission,
    openLineageAdminPermission,
    provisioningApplyPermission,
    qualityRunPermission,
    schemaChangeDecidePermission,
    catalogLocationDeletePermission,
    createPermission({
      name: 'dataplatform.some.future.action',
      attributes: {},
    }),
  ])('keeps $name to admins (group refs compared case-blind)', async p => {
    expect(await decide(p, 'user:default/ada')).toBe(AuthorizeResult.ALLOW);
    expect(await decide(p, 'user:default/olga')).toBe(AuthorizeResult.DENY);
    expect(await decide(p, 'user:default/alice')).toBe(AuthorizeResult.DENY);
  });

  it('refuses OpenLineage writes to every user, admins too', async () => {
    const p = openLineageEventCreatePermission;
    expect(await decide(p, 'user:default/ada')).toBe(AuthorizeResult.DENY);
    expect(await decide(p, 'user:default/alice')).toBe(AuthorizeResult.DENY);
  });

  it('lets an entity be deleted by its owners: a condition on the catalog', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      as('user:default/alice'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/alice', 'group:default/listening'],
        },
      },
    });
    expect(
      await decide(catalogEntityDeletePermission, 'user:default/ada'),
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('allows reads and registrations, and denies deletes to no one signed in', async () => {
    expect(
      await decide(catalogEntityReadPermission, 'user:default/alice'),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decide(catalogLocationCreatePermission, 'user:default/alice'),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: catalogEntityDeletePermission }))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('names the key of a ref it cannot read', () => {
    expect(() =>
      readDataPlatformPolicyConfig(
        mockServices.rootConfig({
          data: { dataPlatform: { permissions: { onCallGroups: ['a:b:c/'] } } },
        }),
      ),
    ).toThrow('dataPlatform.permissions.onCallGroups[0]');
  });
});
