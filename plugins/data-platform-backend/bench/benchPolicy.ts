/*
 * `--policy conditional` of the lineage benches: the permission decisions of
 * a company that hides some catalog entities from users. Users read the
 * catalog entities without a `restricted` label, under a conditional
 * decision; services read everything. The decisions are given in process, to
 * the catalog and to lineage alike: the permission backend refuses
 * conditional requests made with the test backend's user tokens.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';

const allow: DefinitivePolicyDecision = { result: AuthorizeResult.ALLOW };

/** Every plugin's permissions service, deciding as described above. */
export const conditionalCatalogReads = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(requests) {
      return requests.map(() => allow);
    },
    async authorizeConditional(requests, { credentials }) {
      const { type } = credentials.principal as { type: string };
      return requests.map(({ permission }) =>
        type === 'user' &&
        isResourcePermission(permission, 'catalog-entity') &&
        permission.attributes.action === 'read'
          ? createCatalogConditionalDecision(permission, {
              not: catalogConditions.hasLabel({ label: 'restricted' }),
            })
          : allow,
      );
    },
  }),
});
