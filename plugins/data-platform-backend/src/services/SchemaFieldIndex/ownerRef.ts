import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * An owner as the index keeps it: a full entity ref, a group by default
 * (`listening` is `group:default/listening`); undefined when not a ref.
 */
export function ownerRef(owner: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}
