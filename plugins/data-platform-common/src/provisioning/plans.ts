import type { ResourceType } from './resources';

/** What one planned change does to a resource. */
export type ChangeAction =
  | 'create'
  | 'add-column'
  | 'relax-mode'
  | 'set-description'
  | 'set-policy-tag'
  | 'set-clustering'
  | 'set-partition-expiration'
  | 'set-partition-filter'
  | 'set-message-retention'
  | 'set-topic-schema'
  | 'set-labels'
  | 'commit-schema-revision'
  | 'prune-schema-revision'
  | 'set-delivery-table'
  | 'set-transform'
  | 'grant'
  | 'revoke';

/** One change a plan makes, in place. */
export type PlannedChange = {
  action: ChangeAction;
  /** The resource's field it changes, e.g. `columns.context.device.os`, `partitionExpiration`. */
  field: string;
  /** The catalog field it comes from, e.g. `spec.retentionDays`. */
  source: string;
  /** E.g. `added (NULLABLE STRING)`, `90 -> 400 days`, `grant roles/bigquery.dataViewer to group:analysts@example.com`. */
  description: string;
  /** A `grant` or `revoke`: the role, e.g. `roles/bigquery.dataViewer`. */
  role?: string;
  /** A `grant` or `revoke`: who gains or loses the role, e.g. `group:analysts@example.com`. */
  member?: string;
  /**
   * Adds without taking anything away or changing what existing data means
   * (a column, a grant, a longer retention, a label): `autoApply: additive`
   * applies these without a person.
   */
  additive: boolean;
};

/** A difference the plan will not change, and the rule that says so. */
export type PlanRefusal = {
  field: string;
  source: string;
  /** What the catalog asks for, in the compatibility checker's words: `removed (NULLABLE INT64)`. */
  description: string;
  /** The rule, e.g. `a column is never dropped`. */
  rule: string;
};

/** The plan for one resource: the changes that bring it to what the catalog says. */
export type ResourcePlan = {
  resourceId: string;
  type: ResourceType;
  /** `create` when it does not exist, `update` when it has changes, `none` otherwise. */
  action: 'create' | 'update' | 'none';
  changes: PlannedChange[];
  refusals: PlanRefusal[];
  /** What the provisioner cannot manage here, e.g. `access is not enforced by the local warehouse`. */
  notes: string[];
};

/** What became of one planned change when it was applied. */
export type ChangeResult = {
  change: PlannedChange;
  status: 'applied' | 'failed' | 'skipped';
  /** Why it failed or was skipped, in words an owner can act on. */
  message?: string;
};

/** True when every change of the plan is additive. */
export function isAdditivePlan(plan: ResourcePlan): boolean {
  return plan.changes.every(c => c.additive);
}

/**
 * Why a plan with refusals and nothing to apply is blocked, field and rule:
 * `blocked: columns.plays: a column's type is never changed in place (it
 * would need a new table)`, several joined by
 * `; `. Undefined when the plan has changes to apply or nothing refused.
 */
export function blockedReason(plan: ResourcePlan): string | undefined {
  if (plan.changes.length > 0 || plan.refusals.length === 0) return undefined;
  return `blocked: ${plan.refusals
    .map(r => `${r.field}: ${r.rule}`)
    .join('; ')}`;
}

/** One line per change and refusal, as the scaffolder log and the API print a plan. */
export function describePlan(plan: ResourcePlan): string[] {
  const lines = plan.changes.map(
    c => `${c.action} ${c.field}: ${c.description}`,
  );
  for (const r of plan.refusals) {
    lines.push(`refused ${r.field}: ${r.description}: ${r.rule}`);
  }
  return lines;
}
