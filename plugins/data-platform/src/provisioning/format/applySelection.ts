import type {
  PlannedChange,
  ProvisionedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * Whether applying `entityRef` applies this resource, as the backend
 * decides it: the entity's own resources (those it declares, and for an
 * event type those carrying its schema) and the datasets they need. Other
 * resources on the page (a pipeline's topic) are applied from their own
 * entity's page.
 */
export function isAppliedWith(
  resource: ProvisionedResource,
  entityRef: string,
  resources: readonly ProvisionedResource[],
): boolean {
  const own = (r: ProvisionedResource) =>
    r.entityRef === entityRef || r.desired.eventType === entityRef;
  if (own(resource)) return true;
  return (
    resource.type === 'bigquery-dataset' &&
    resources.some(r => own(r) && r.desired.dependsOn.includes(resource.id))
  );
}

/** The changes an apply would make to one resource: none when no provisioner manages it. */
export function changesToApply(resource: ProvisionedResource): PlannedChange[] {
  return resource.provisioner && resource.plan ? resource.plan.changes : [];
}

/**
 * The resources an apply changes, in the page's order: every resource
 * applied with the entity, or the chosen ones and those of the entity's
 * resources they depend on (the backend creates a table's dataset with it).
 */
export function applySelection(
  resources: readonly ProvisionedResource[],
  entityRef: string,
  chosen?: readonly string[],
): ProvisionedResource[] {
  const applicable = resources.filter(r =>
    isAppliedWith(r, entityRef, resources),
  );
  let selected = applicable;
  if (chosen) {
    const byId = new Map(applicable.map(r => [r.id, r]));
    const ids = new Set<string>();
    const add = (id: string) => {
      const resource = byId.get(id);
      if (!resource || ids.has(id)) return;
      ids.add(id);
      resource.desired.dependsOn.forEach(add);
    };
    chosen.forEach(add);
    selected = applicable.filter(r => ids.has(r.id));
  }
  return selected.filter(r => changesToApply(r).length > 0);
}

/** Changes that take something away or change what existing data means. */
export function nonAdditiveChanges(
  resources: readonly ProvisionedResource[],
): PlannedChange[] {
  return resources.flatMap(r => changesToApply(r).filter(c => !c.additive));
}
