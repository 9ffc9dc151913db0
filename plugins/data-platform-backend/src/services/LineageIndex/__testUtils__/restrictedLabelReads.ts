import {
  coreServices,
  createServiceFactory,
  PermissionsService,
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

/**
 * A company's policy: users read only the catalog entities without a
 * `restricted` label; services read everything. Its decisions are given in
 * process, to the catalog and to lineage alike: Backstage's permission
 * backend refuses conditional requests made with the test backend's mock
 * user tokens.
 */
export const restrictedLabelReads: PermissionsService = {
  async authorize(requests) {
    return requests.map(() => allow);
  },
  async authorizeConditional(requests, { credentials }) {
    const principal = credentials.principal as { type: string };
    return requests.map(({ permission }) =>
      principal.type === 'user' &&
      isResourcePermission(permission, 'catalog-entity') &&
      permission.attributes.action === 'read'
        ? createCatalogConditionalDecision(permission, {
            not: catalogConditions.hasLabel({ label: 'restricted' }),
          })
        : allow,
    );
  },
};

/** Every plugin's permissions service answers as {@link restrictedLabelReads}. */
export const restrictedLabelReadsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => restrictedLabelReads,
});
