import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { CatalogReadAccess } from './CatalogReadAccess';

const endpoint = (i: number): Entity => ({
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'DataEndpoint',
  metadata: { name: `table-${i}`, namespace: 'default' },
  spec: {},
});
const refs = Array.from(
  { length: 1200 },
  (_, i) => `dataendpoint:default/table-${i}`,
);
const user = mockCredentials.user('user:default/alice');

function accessWith(
  decision: PolicyDecision,
  readable: Entity[],
  window?: { decisionTtlMs: number; now: () => number },
) {
  const catalog = catalogServiceMock({ entities: readable });
  const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async () => [decision],
  });
  return {
    access: new CatalogReadAccess({ permissions, catalog, ...window }),
    byRefs,
    permissions,
  };
}

const hasLabel = (label: string): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'HAS_LABEL',
    resourceType: 'catalog-entity',
    params: { label },
  },
});

describe('CatalogReadAccess', () => {
  it('asks the catalog nothing when the policy allows every entity', async () => {
    const { access, byRefs, permissions } = accessWith(
      { result: AuthorizeResult.ALLOW },
      [],
    );
    const unreadableOf = await access.forCaller(user);
    expect(await unreadableOf(refs)).toEqual(new Set());
    expect(byRefs).not.toHaveBeenCalled();
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'catalog.entity.read' }),
        },
      ],
      { credentials: user },
    );
  });

  it('hides every entity when the policy denies reading them', async () => {
    const { access } = accessWith({ result: AuthorizeResult.DENY }, []);
    const unreadableOf = await access.forCaller(user);
    expect(await unreadableOf(refs.slice(0, 3))).toEqual(
      new Set(refs.slice(0, 3)),
    );
  });

  it('on a conditional decision, asks the catalog as the caller, a bounded batch of refs at a time', async () => {
    // The catalog returns the even tables to this caller.
    const readable = Array.from({ length: 1200 }, (_, i) => endpoint(i)).filter(
      (_, i) => i % 2 === 0,
    );
    const { access, byRefs } = accessWith(
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'HAS_LABEL',
          resourceType: 'catalog-entity',
          params: { label: 'team-a' },
        },
      },
      readable,
    );
    const unreadable = await (await access.forCaller(user))(refs);
    expect(unreadable.size).toBe(600);
    expect(unreadable.has('dataendpoint:default/table-1')).toBe(true);
    expect(unreadable.has('dataendpoint:default/table-0')).toBe(false);
    expect(byRefs).toHaveBeenCalledTimes(3);
    for (const [request, options] of byRefs.mock.calls) {
      expect(request.entityRefs.length).toBeLessThanOrEqual(500);
      expect(options).toEqual({ credentials: user });
    }
  });

  describe('within the decision window', () => {
    const readable = [endpoint(0), endpoint(2)];
    const asked = (byRefs: jest.SpyInstance) =>
      byRefs.mock.calls.map(([request]) => request.entityRefs);

    it('asks the catalog only about the refs it was not asked about', async () => {
      let now = 0;
      const { access, byRefs } = accessWith(hasLabel('team-a'), readable, {
        decisionTtlMs: 2000,
        now: () => now,
      });
      const first = await (await access.forCaller(user))(refs.slice(0, 3));
      expect(first).toEqual(new Set([refs[1]]));
      now = 1999;
      const second = await (await access.forCaller(user))(refs.slice(0, 4));
      expect(second).toEqual(new Set([refs[1], refs[3]]));
      expect(asked(byRefs)).toEqual([refs.slice(0, 3), [refs[3]]]);
    });

    it('asks again once the window has passed, so a revoked read ends', async () => {
      let now = 0;
      const { access, byRefs } = accessWith(hasLabel('team-a'), readable, {
        decisionTtlMs: 2000,
        now: () => now,
      });
      expect(await (await access.forCaller(user))([refs[2]])).toEqual(
        new Set(),
      );
      now = 2000;
      expect(await (await access.forCaller(user))([refs[2]])).toEqual(
        new Set(),
      );
      expect(byRefs).toHaveBeenCalledTimes(2);
    });

    it('keeps callers and policy conditions apart', async () => {
      const now = () => 0;
      const { access, byRefs } = accessWith(hasLabel('team-a'), readable, {
        decisionTtlMs: 2000,
        now,
      });
      await (
        await access.forCaller(user)
      )([refs[0]]);
      await (
        await access.forCaller(mockCredentials.user('user:default/bob'))
      )([refs[0]]);
      expect(byRefs).toHaveBeenCalledTimes(2);

      // The same caller under other conditions (the policy changed).
      const other = accessWith(hasLabel('team-b'), readable, {
        decisionTtlMs: 2000,
        now,
      });
      await (
        await other.access.forCaller(user)
      )([refs[0]]);
      expect(other.byRefs).toHaveBeenCalledTimes(1);
    });

    it('applies a policy that now allows or denies everything at once', async () => {
      const decisions: PolicyDecision[] = [
        hasLabel('team-a'),
        { result: AuthorizeResult.DENY },
      ];
      const catalog = catalogServiceMock({ entities: readable });
      const permissions = mockServices.permissions.mock({
        authorizeConditional: async () => [decisions.shift()!],
      });
      const access = new CatalogReadAccess({
        permissions,
        catalog,
        decisionTtlMs: 60_000,
      });
      expect(await (await access.forCaller(user))([refs[0]])).toEqual(
        new Set(),
      );
      expect(await (await access.forCaller(user))([refs[0]])).toEqual(
        new Set([refs[0]]),
      );
    });
  });
});
