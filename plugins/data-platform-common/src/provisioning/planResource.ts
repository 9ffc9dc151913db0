import { diffSchemas } from '../compatibility/diffSchemas';
import type { SchemaChange } from '../compatibility/types';
import type { PiiPolicyTags } from '../schema-formats/bigQuery';
import { fieldMode, fieldPii, flattenFields } from '../schema/fields';
import { AccessModel, planAccess } from './planAccess';
import type { PlannedChange, PlanRefusal, ResourcePlan } from './plans';
import type {
  DesiredResource,
  DesiredResourceOf,
  ObservedResource,
  ObservedResourceOf,
  ResourceType,
} from './resources';

/** What a provisioner can do, which the plan follows so that it never promises more. */
export type PlanCapabilities = {
  /** Shown in notes, e.g. `the local warehouse`. */
  title: string;
  /** How it grants access; without it, access is noted as not enforced. */
  access?: AccessModel;
  /** Policy tags per PII classification; without them, none are set. */
  policyTags?: PiiPolicyTags;
  /** Fingerprint of the transform it would install for a delivery. */
  transformFingerprint?: (
    spec: DesiredResourceOf<'delivery'>['spec'],
  ) => string;
  /** Revisions a Pub/Sub schema keeps at most. Default 20. */
  maxSchemaRevisions?: number;
  /**
   * What it records but does not enforce, per resource type, shown with
   * each plan, e.g. `require partition filter is recorded, not enforced`.
   */
  notes?: Partial<Record<ResourceType, string[]>>;
};

/** Pub/Sub keeps at most this many revisions of a schema. */
export const MAX_SCHEMA_REVISIONS = 20;

type Parts = {
  changes: PlannedChange[];
  refusals: PlanRefusal[];
  notes: string[];
};

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const sortedEntries = (o: Record<string, string>) =>
  Object.entries(o).sort(([a], [b]) => a.localeCompare(b));

/** Managed labels that differ; labels someone else set are kept. */
function planLabels(
  desired: Record<string, string>,
  observed: Record<string, string> | undefined,
): PlannedChange[] {
  const differing = sortedEntries(desired).filter(
    ([k, v]) => observed?.[k] !== v,
  );
  if (differing.length === 0) return [];
  return [
    {
      action: 'set-labels',
      field: 'labels',
      source: 'spec.owner, spec.system',
      description: differing
        .map(([k, v]) => `${k}: ${observed?.[k] ?? '(none)'} -> ${v}`)
        .join(', '),
      additive: true,
    },
  ];
}

function accessParts(
  type: ResourceType,
  desired: { readers?: any[]; writers?: any[] },
  observed: Record<string, string[]> | undefined,
  capabilities: PlanCapabilities,
  source: string,
): Parts {
  if (!capabilities.access) {
    const anyone =
      (desired.readers?.length ?? 0) + (desired.writers?.length ?? 0);
    return {
      changes: [],
      refusals: [],
      notes: anyone
        ? [`access (${source}) is not enforced by ${capabilities.title}`]
        : [],
    };
  }
  return {
    ...planAccess(type, desired, observed, capabilities.access, source),
    notes: [],
  };
}

const columnField = (path: string) => `columns.${path}`;
const columnSource = (path: string) => `spec.schema: ${path}`;

/** A schema change as a table change, or the rule that refuses it. */
function columnChange(
  change: SchemaChange,
): PlannedChange | PlanRefusal | undefined {
  const field = columnField(change.path);
  const source = columnSource(change.path);
  switch (change.kind) {
    case 'field-added':
      if (change.after && fieldMode(change.after) === 'REQUIRED') {
        return {
          field,
          source,
          description: change.description,
          rule: 'a REQUIRED column cannot be added to an existing table; add it NULLABLE',
        };
      }
      return {
        action: 'add-column',
        field,
        source,
        description: change.description,
        additive: true,
      };
    case 'field-removed':
      return {
        field,
        source,
        description: change.description,
        rule: 'a column is never dropped; it stays in the table',
      };
    case 'type-changed':
      return {
        field,
        source,
        description: change.description,
        rule: "a column's type is never changed in place (it would need a new table)",
      };
    case 'mode-changed':
      if (change.description === 'mode REQUIRED -> NULLABLE') {
        return {
          action: 'relax-mode',
          field,
          source,
          description: change.description,
          additive: true,
        };
      }
      return {
        field,
        source,
        description: change.description,
        rule: "a column's mode is only widened (REQUIRED to NULLABLE), never narrowed or made REPEATED",
      };
    case 'description-changed':
      return {
        action: 'set-description',
        field,
        source,
        description: change.description,
        additive: true,
      };
    default:
      // PII marks become policy tags, planned separately; renames are split.
      return undefined;
  }
}

function expandRenames(changes: SchemaChange[]): SchemaChange[] {
  return changes.flatMap(c => {
    if (c.kind !== 'field-renamed' || !c.before || !c.after || !c.fromPath) {
      return [c];
    }
    const shape = (f: typeof c.after) => `${fieldMode(f!)} ${f!.type}`;
    return [
      {
        ...c,
        kind: 'field-added' as const,
        description: `added (${shape(c.after)})`,
        before: undefined,
      },
      {
        ...c,
        kind: 'field-removed' as const,
        path: c.fromPath,
        description: `removed (${shape(c.before)})`,
        after: undefined,
      },
    ];
  });
}

function planTable(
  desired: DesiredResourceOf<'bigquery-table'>,
  observed: ObservedResourceOf<'bigquery-table'>,
  capabilities: PlanCapabilities,
): Parts {
  const d = desired.spec;
  const o = observed.spec;
  const parts: Parts = { changes: [], refusals: [], notes: [] };
  for (const change of expandRenames(diffSchemas(o.fields, d.fields))) {
    const planned = columnChange(change);
    if (!planned) continue;
    if ('action' in planned) parts.changes.push(planned);
    else parts.refusals.push(planned);
  }
  if (capabilities.policyTags) {
    const observedTags = o.policyTags ?? {};
    const existing = new Set(flattenFields(o.fields).map(f => f.path));
    for (const { path, field } of flattenFields(d.fields)) {
      if (!existing.has(path)) continue; // set when the column is added
      const tag = capabilities.policyTags[fieldPii(field)];
      if ((observedTags[path] ?? undefined) === tag) continue;
      parts.changes.push({
        action: 'set-policy-tag',
        field: columnField(path),
        source: `${columnSource(path)} (pii: ${fieldPii(field)})`,
        description: `policy tag ${observedTags[path] ?? '(none)'} -> ${
          tag ?? '(none)'
        }`,
        additive: !!tag,
      });
    }
  }
  if (!same(d.timePartitioning, o.timePartitioning)) {
    const show = (p: typeof d.timePartitioning) =>
      p
        ? `${p.granularity}${p.field ? ` on ${p.field}` : ' of arrival'}`
        : 'none';
    parts.refusals.push({
      field: 'timePartitioning',
      source: 'spec.partitioning',
      description: `partitioning ${show(o.timePartitioning)} -> ${show(
        d.timePartitioning,
      )}`,
      rule: "a table's partitioning is never changed in place (it would need a new table)",
    });
  }
  if (!same(d.clustering, o.clustering)) {
    parts.changes.push({
      action: 'set-clustering',
      field: 'clustering',
      source: 'spec.partitioning.keys',
      description: `clustering [${o.clustering.join(
        ', ',
      )}] -> [${d.clustering.join(', ')}]`,
      additive: false,
    });
  }
  if (d.partitionExpirationDays !== o.partitionExpirationDays) {
    const days = (n?: number) => (n ? `${n} days` : 'never');
    parts.changes.push({
      action: 'set-partition-expiration',
      field: 'partitionExpiration',
      source: 'spec.retentionDays',
      description: `partitions expire after ${days(
        o.partitionExpirationDays,
      )} -> ${days(d.partitionExpirationDays)}`,
      // Longer retention keeps more; shorter deletes partitions.
      additive:
        !d.partitionExpirationDays ||
        (!!o.partitionExpirationDays &&
          d.partitionExpirationDays > o.partitionExpirationDays),
    });
  }
  if (d.requirePartitionFilter !== o.requirePartitionFilter) {
    parts.changes.push({
      action: 'set-partition-filter',
      field: 'requirePartitionFilter',
      source: 'spec.partitioning',
      description: `require partition filter ${o.requirePartitionFilter} -> ${d.requirePartitionFilter}`,
      additive: !d.requirePartitionFilter,
    });
  }
  if ((d.description ?? '') !== (o.description ?? '')) {
    parts.changes.push({
      action: 'set-description',
      field: 'description',
      source: 'metadata.description',
      description: 'description changed',
      additive: true,
    });
  }
  parts.changes.push(...planLabels(d.labels, o.labels));
  const access = accessParts(
    'bigquery-table',
    d.access,
    o.bindings,
    capabilities,
    'spec.access',
  );
  return merge(parts, access);
}

function planTopic(
  desired: DesiredResourceOf<'pubsub-topic'>,
  observed: ObservedResourceOf<'pubsub-topic'>,
  capabilities: PlanCapabilities,
): Parts {
  const d = desired.spec;
  const o = observed.spec;
  const parts: Parts = { changes: [], refusals: [], notes: [] };
  if (d.messageRetentionDays !== o.messageRetentionDays) {
    const days = (n?: number) => (n ? `${n} days` : 'the default');
    parts.changes.push({
      action: 'set-message-retention',
      field: 'messageRetention',
      source: 'spec.retentionDays',
      description: `messages kept ${days(o.messageRetentionDays)} -> ${days(
        d.messageRetentionDays,
      )}`,
      additive:
        !!d.messageRetentionDays &&
        d.messageRetentionDays > (o.messageRetentionDays ?? 7),
    });
  }
  if (!same(d.schema, o.schema)) {
    parts.changes.push({
      action: 'set-topic-schema',
      field: 'schemaSettings',
      source: 'spec.schema.eventType',
      description: `schema ${o.schema?.schema ?? '(none)'} -> ${
        d.schema?.schema ?? '(none)'
      }`,
      additive: !o.schema,
    });
  }
  parts.changes.push(...planLabels(d.labels, o.labels));
  return merge(
    parts,
    accessParts(
      'pubsub-topic',
      d.access,
      o.bindings,
      capabilities,
      'spec.access',
    ),
  );
}

function planTopicSchema(
  desired: DesiredResourceOf<'pubsub-schema'>,
  observed: ObservedResourceOf<'pubsub-schema'>,
  capabilities: PlanCapabilities,
): Parts {
  const parts: Parts = { changes: [], refusals: [], notes: [] };
  const revisions = observed.spec.revisions;
  const latest = revisions[revisions.length - 1];
  if (
    latest &&
    same(JSON.parse(latest.definition), JSON.parse(desired.spec.definition))
  ) {
    return parts;
  }
  const keep = (capabilities.maxSchemaRevisions ?? MAX_SCHEMA_REVISIONS) - 1;
  for (const old of revisions.slice(0, Math.max(0, revisions.length - keep))) {
    parts.changes.push({
      action: 'prune-schema-revision',
      field: `revisions.${old.revisionId}`,
      source: 'spec.schema.history',
      description: `delete revision ${old.revisionId}${
        old.createdAt ? ` of ${old.createdAt.slice(0, 10)}` : ''
      }: Pub/Sub keeps ${keep + 1} revisions at most`,
      additive: true,
    });
  }
  parts.changes.push({
    action: 'commit-schema-revision',
    field: 'definition',
    source: 'spec.schema.fields',
    description: `commit the Avro schema of revision ${desired.spec.revision}`,
    additive: true,
  });
  return parts;
}

function planSubscription(
  desired: DesiredResourceOf<'pubsub-subscription'>,
  observed: ObservedResourceOf<'pubsub-subscription'>,
  capabilities: PlanCapabilities,
): Parts {
  const parts: Parts = { changes: [], refusals: [], notes: [] };
  if (desired.spec.topic !== observed.spec.topic) {
    parts.refusals.push({
      field: 'topic',
      source: 'spec.inputs',
      description: `topic ${observed.spec.topic} -> ${desired.spec.topic}`,
      rule: "a subscription's topic cannot change",
    });
  }
  parts.changes.push(...planLabels(desired.spec.labels, observed.spec.labels));
  return merge(
    parts,
    accessParts(
      'pubsub-subscription',
      { readers: desired.spec.subscribers },
      observed.spec.bindings,
      capabilities,
      'spec.owner',
    ),
  );
}

function planDelivery(
  desired: DesiredResourceOf<'delivery'>,
  observed: ObservedResourceOf<'delivery'>,
  capabilities: PlanCapabilities,
): Parts {
  const d = desired.spec;
  const o = observed.spec;
  const parts: Parts = { changes: [], refusals: [], notes: [] };
  if (d.topic !== o.topic) {
    parts.refusals.push({
      field: 'topic',
      source: 'spec.location.topic',
      description: `topic ${o.topic} -> ${d.topic}`,
      rule: "a delivery's topic cannot change",
    });
  }
  if (!same(d.table, o.table)) {
    const name = (t: typeof d.table) => `${t.project}.${t.dataset}.${t.table}`;
    parts.changes.push({
      action: 'set-delivery-table',
      field: 'table',
      source: 'spec.location',
      description: `table ${name(o.table)} -> ${name(d.table)}`,
      additive: false,
    });
  }
  const fingerprint = capabilities.transformFingerprint?.(d);
  if (fingerprint && fingerprint !== o.transformFingerprint) {
    parts.changes.push({
      action: 'set-transform',
      field: 'transform',
      source: 'spec.schema.fields (pii)',
      description: `anonymization of revision ${d.revision}: ${d.anonymization.dropped.length} dropped, ${d.anonymization.pseudonymized.length} pseudonymized`,
      additive: true,
    });
  }
  if (o.state && o.state !== 'ACTIVE') {
    parts.notes.push(`the delivery is ${o.state}`);
  }
  parts.changes.push(...planLabels(d.labels, o.labels));
  return parts;
}

function merge(a: Parts, b: Parts): Parts {
  return {
    changes: [...a.changes, ...b.changes],
    refusals: [...a.refusals, ...b.refusals],
    notes: [...a.notes, ...b.notes],
  };
}

function createParts(
  desired: DesiredResource,
  capabilities: PlanCapabilities,
): Parts {
  const parts: Parts = {
    changes: [
      {
        action: 'create',
        field: desired.type,
        source: desired.entityRef,
        description: `create ${desired.id.slice(desired.type.length + 1)}`,
        additive: true,
      },
    ],
    refusals: [],
    notes: [],
  };
  // Access is granted right after creation; what cannot be granted shows now.
  if (desired.type === 'bigquery-table' || desired.type === 'pubsub-topic') {
    const access = accessParts(
      desired.type,
      desired.spec.access,
      undefined,
      capabilities,
      'spec.access',
    );
    return merge(parts, { ...access, changes: [] });
  }
  return parts;
}

/**
 * The changes that bring an observed resource to what the catalog says,
 * each naming the resource field and the catalog field; what would break
 * data is refused with the rule, never planned: a column dropped, retyped or
 * narrowed, partitioning changed. Nothing is deleted, and nothing that is
 * planned in place needs a new resource.
 */
export function planResource(
  desired: DesiredResource,
  observed: ObservedResource | undefined,
  capabilities: PlanCapabilities,
): ResourcePlan {
  let parts: Parts;
  if (!observed) {
    parts = createParts(desired, capabilities);
  } else if (observed.type !== desired.type) {
    throw new Error(
      `Observed ${observed.type} for the ${desired.type} ${desired.id}`,
    );
  } else {
    parts = planObserved(desired, observed, capabilities);
  }
  let action: ResourcePlan['action'] = 'none';
  if (!observed) action = 'create';
  else if (parts.changes.length) action = 'update';
  const notes = [...parts.notes, ...(capabilities.notes?.[desired.type] ?? [])];
  return {
    resourceId: desired.id,
    type: desired.type,
    action,
    ...parts,
    notes,
  };
}

function planObserved(
  desired: DesiredResource,
  observed: ObservedResource,
  capabilities: PlanCapabilities,
): Parts {
  switch (desired.type) {
    case 'bigquery-dataset':
      return {
        changes: planLabels(
          desired.spec.labels,
          (observed as ObservedResourceOf<'bigquery-dataset'>).spec.labels,
        ),
        refusals: [],
        notes: [],
      };
    case 'bigquery-table':
      return planTable(desired, observed as any, capabilities);
    case 'pubsub-topic':
      return planTopic(desired, observed as any, capabilities);
    case 'pubsub-schema':
      return planTopicSchema(desired, observed as any, capabilities);
    case 'pubsub-subscription':
      return planSubscription(desired, observed as any, capabilities);
    case 'delivery':
      return planDelivery(desired, observed as any, capabilities);
    default:
      throw new Error(`Unknown resource type ${(desired as any).type}`);
  }
}
