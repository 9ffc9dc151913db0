import {
  ApplyRecord,
  blockedReason,
  ChangeResult,
  dependencyOrder,
  DesiredStateProblem,
  describePlan,
  ProvisionedResource,
  RESOURCE_TYPE_TITLES,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** A resource as the task log names it: its id, what it is and who creates it. */
function heading(resource: ProvisionedResource): string {
  const title = RESOURCE_TYPE_TITLES[resource.type];
  return resource.provisioner
    ? `${resource.id} (${title} in ${resource.provisioner.title})`
    : `${resource.id} (${title})`;
}

/** What the task does with a resource, in the summary's words. */
function categoryOf(resource: ProvisionedResource): string {
  const { state, plan } = resource;
  if (state === 'unmanaged') return 'unmanaged';
  if (state === 'in-sync') return 'in sync';
  if (state === 'failed') return 'failed';
  if (state === 'blocked') return 'blocked';
  if (!plan || plan.changes.length === 0) return 'refused';
  return plan.action === 'create' ? 'to create' : 'to change';
}

const CATEGORY_ORDER = [
  'to create',
  'to change',
  'failed',
  'blocked',
  'refused',
  'in sync',
  'unmanaged',
];

/**
 * The lines the task log shows for one resource's plan: what is done to
 * it (`describePlan`'s lines: changes, then refusals with their rule), the
 * provisioner's notes, or why nothing is.
 */
export function planLines(resource: ProvisionedResource): string[] {
  const { state, plan } = resource;
  if (state === 'unmanaged') {
    return [
      `${heading(
        resource,
      )}: unmanaged, no provisioner installed in this portal creates a ${
        RESOURCE_TYPE_TITLES[resource.type]
      }; it is listed, not created`,
    ];
  }
  // A blocked resource's line says by what: `blocked: <field>: <rule>`.
  const blocked = plan && state === 'blocked' ? blockedReason(plan) : undefined;
  const lines = [`${heading(resource)}: ${blocked ?? categoryOf(resource)}`];
  if (resource.error) lines.push(`  could not be read: ${resource.error}`);
  if (plan) {
    lines.push(...describePlan(plan).map(line => `  ${line}`));
    lines.push(...plan.notes.map(note => `  note: ${note}`));
  }
  return lines;
}

/** What the catalog asks for that cannot be provisioned. */
export function problemLines(problems: DesiredStateProblem[]): string[] {
  return problems.map(
    p => `cannot provision ${p.entityRef} ${p.field}: ${p.message}`,
  );
}

/** One line: how many resources are to create, to change, in sync, ... */
export function summarize(resources: ProvisionedResource[]): string {
  if (resources.length === 0) return 'no resources';
  const counts = new Map<string, number>();
  let refusals = 0;
  for (const resource of resources) {
    const category = categoryOf(resource);
    counts.set(category, (counts.get(category) ?? 0) + 1);
    refusals += resource.plan?.refusals.length ?? 0;
  }
  const parts = CATEGORY_ORDER.filter(c => counts.has(c)).map(
    c => `${counts.get(c)} ${c}`,
  );
  const summary = `${resources.length} resource(s): ${parts.join(', ')}`;
  return refusals ? `${summary}; ${refusals} change(s) refused` : summary;
}

const resultLine = (
  resourceId: string,
  { change, status, message }: ChangeResult,
) => {
  if (status === 'applied') {
    return change.action === 'create'
      ? `created ${resourceId}`
      : `${resourceId}: applied ${change.action} ${change.field}: ${change.description}`;
  }
  return `${resourceId}: ${status} ${change.action} ${change.field}: ${
    message ?? change.description
  }`;
};

/** One line per change of an apply: created, applied, failed (and why), skipped. */
export function applyLines(
  record: ApplyRecord,
): { text: string; failed: boolean }[] {
  return (record.results ?? []).map(result => ({
    text: resultLine(record.resourceId, result),
    failed: result.status === 'failed',
  }));
}

/** The changes of an apply that failed, one line each, with why. */
export function failedChanges(record: ApplyRecord): string[] {
  return (record.results ?? [])
    .filter(r => r.status === 'failed')
    .map(
      r =>
        `${record.resourceId}: ${r.change.action} ${r.change.field}: ${
          r.message ?? 'failed'
        }`,
    );
}

/** Resources in an order where each comes after those it depends on. */
export function inDependencyOrder(
  resources: ProvisionedResource[],
): ProvisionedResource[] {
  return dependencyOrder(
    resources,
    r => r.id,
    r => r.desired.dependsOn,
  );
}
