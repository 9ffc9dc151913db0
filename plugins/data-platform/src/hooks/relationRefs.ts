import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';

/** The targets of an entity's relations of one type, in the order the catalog lists them. */
export function relationTargets(
  entity: Entity,
  type: string,
): CompoundEntityRef[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => parseEntityRef(relation.targetRef));
}
