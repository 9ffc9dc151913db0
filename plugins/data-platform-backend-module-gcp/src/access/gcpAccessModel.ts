import { parseEntityRef } from '@backstage/catalog-model';
import type {
  AccessModel,
  Principal,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The roles readers and writers get on each kind of resource. */
export const GCP_ACCESS_ROLES: AccessModel['roles'] = {
  'bigquery-table': {
    readers: 'roles/bigquery.dataViewer',
    writers: 'roles/bigquery.dataEditor',
  },
  'pubsub-topic': {
    readers: 'roles/pubsub.subscriber',
    writers: 'roles/pubsub.publisher',
  },
  'pubsub-subscription': { readers: 'roles/pubsub.subscriber' },
};

/**
 * How catalog principals become IAM members: a Group's e-mail address as
 * `group:<email>`, a User's as `user:<email>`; without an address, the
 * entity's name at `principalDomain` when one is configured. Other kinds
 * have no member.
 */
export function gcpAccessModel(options: {
  principalDomain?: string;
}): AccessModel {
  const member = (principal: Principal): string | undefined => {
    const { kind, name } = parseEntityRef(principal.ref, {
      defaultKind: 'group',
    });
    const prefix = { group: 'group', user: 'user' }[kind.toLocaleLowerCase()];
    if (!prefix) return undefined;
    if (principal.email) return `${prefix}:${principal.email}`;
    if (options.principalDomain) {
      return `${prefix}:${name}@${options.principalDomain}`;
    }
    return undefined;
  };
  return { member, roles: GCP_ACCESS_ROLES };
}
