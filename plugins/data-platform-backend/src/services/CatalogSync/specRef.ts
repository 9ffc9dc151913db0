import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * A ref an entity's spec names (`owner`, `inputs`, `producers`, ...) in its
 * full form: a kind left out is the field's kind, a namespace left out is the
 * entity's own, as the catalog reads them.
 */
export function specRef(
  entity: Entity,
  ref: string,
  defaultKind: string,
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}
