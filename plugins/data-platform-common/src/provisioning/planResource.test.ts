import { trackPlayedPlatform } from './__fixtures__/platform';
import { desiredResources } from './desiredResources';
import { AccessModel } from './planAccess';
import { PlanCapabilities, planResource } from './planResource';
import { blockedReason, describePlan, isAdditivePlan } from './plans';
import type {
  DesiredResourceOf,
  ObservedResourceOf,
  ResourceType,
} from './resources';

function desired<T extends ResourceType>(type: T): DesiredResourceOf<T> {
  const { resources } = desiredResources(trackPlayedPlatform());
  return resources.find(r => r.type === type) as DesiredResourceOf<T>;
}

const access: AccessModel = {
  member: p => (p.email ? `group:${p.email}` : undefined),
  roles: {
    'bigquery-table': {
      readers: 'roles/bigquery.dataViewer',
      writers: 'roles/bigquery.dataEditor',
    },
    'pubsub-topic': {
      readers: 'roles/pubsub.subscriber',
      writers: 'roles/pubsub.publisher',
    },
  },
};
const gcp: PlanCapabilities = { title: 'Google Cloud', access };
const local: PlanCapabilities = { title: 'the local warehouse' };

/** The table as it would be found right after it was created from the catalog. */
function tableAsCreated(
  table: DesiredResourceOf<'bigquery-table'>,
): ObservedResourceOf<'bigquery-table'> {
  const { access: _access, ...spec } = table.spec;
  return {
    type: 'bigquery-table',
    id: table.id,
    spec: {
      ...spec,
      bindings: {
        'roles/bigquery.dataViewer': ['group:analysts@tunewave.example'],
      },
    },
  };
}

describe('planResource', () => {
  it('creates what does not exist, and says now which access cannot be granted', () => {
    const table = desired('bigquery-table');
    const plan = planResource(table, undefined, gcp);
    expect(plan).toMatchObject({
      resourceId: table.id,
      action: 'create',
      changes: [{ action: 'create', additive: true }],
      refusals: [
        {
          field: 'access.writers',
          source: 'spec.access.writers',
          description:
            'grant roles/bigquery.dataEditor to group:default/data-infrastructure',
          rule: 'group:default/data-infrastructure has no e-mail address in the catalog (spec.profile.email)',
        },
      ],
    });
  });

  it('plans nothing for a table as the catalog says', () => {
    const table = desired('bigquery-table');
    table.spec.access.writers = [];
    const plan = planResource(table, tableAsCreated(table), gcp);
    expect(plan).toEqual({
      resourceId: table.id,
      type: 'bigquery-table',
      action: 'none',
      changes: [],
      refusals: [],
      notes: [],
    });
  });

  it('adds columns and widens modes in place, in the compatibility checker’s words', () => {
    const table = desired('bigquery-table');
    table.spec.access.writers = [];
    const observed = tableAsCreated(table);
    table.spec.fields = [
      ...table.spec.fields.map(f =>
        f.name === 'event_id' ? { ...f, mode: 'NULLABLE' as const } : f,
      ),
      { name: 'shuffle', type: 'BOOL' },
    ];
    table.spec.fields[5] = {
      ...table.spec.fields[5],
      fields: [
        {
          name: 'device',
          type: 'RECORD',
          fields: [
            { name: 'os', type: 'STRING' },
            { name: 'model', type: 'STRING' },
          ],
        },
      ],
    };
    const plan = planResource(table, observed, gcp);
    expect(plan.refusals).toEqual([]);
    expect(describePlan(plan)).toEqual([
      'relax-mode columns.event_id: mode REQUIRED -> NULLABLE',
      'add-column columns.context.device.model: added (NULLABLE STRING)',
      'add-column columns.shuffle: added (NULLABLE BOOL)',
    ]);
    expect(isAdditivePlan(plan)).toBe(true);
  });

  it('refuses what would break data, naming the field and the rule', () => {
    const table = desired('bigquery-table');
    table.spec.access.writers = [];
    const observed = tableAsCreated(table);
    table.spec.fields = table.spec.fields
      .filter(f => f.name !== 'ms_played')
      .map(f => {
        if (f.name === 'event_time') return { ...f, type: 'STRING' as const };
        if (f.name === 'email') return { ...f, mode: 'REQUIRED' as const };
        return f;
      });
    table.spec.fields.push({
      name: 'session_id',
      type: 'STRING',
      mode: 'REQUIRED',
    });
    table.spec.timePartitioning = { granularity: 'DAY', field: 'event_time' };
    const plan = planResource(table, observed, gcp);
    expect(plan.changes).toEqual([]);
    expect(
      plan.refusals.map(r => `${r.field}: ${r.description}: ${r.rule}`),
    ).toEqual([
      "columns.event_time: type TIMESTAMP -> STRING: a column's type is never changed in place (it would need a new table)",
      "columns.email: mode NULLABLE -> REQUIRED: a column's mode is only widened (REQUIRED to NULLABLE), never narrowed or made REPEATED",
      'columns.session_id: added (REQUIRED STRING): a REQUIRED column cannot be added to an existing table; add it NULLABLE',
      'columns.ms_played: removed (NULLABLE INT64): a column is never dropped; it stays in the table',
      "timePartitioning: partitioning HOUR on event_time -> DAY on event_time: a table's partitioning is never changed in place (it would need a new table)",
    ]);
  });

  it('calls a plan that only refuses blocked, by field and rule', () => {
    const table = desired('bigquery-table');
    table.spec.access.writers = [];
    const observed = tableAsCreated(table);
    expect(blockedReason(planResource(table, observed, gcp))).toBeUndefined();

    table.spec.fields = table.spec.fields.map(f =>
      f.name === 'event_time' ? { ...f, type: 'STRING' as const } : f,
    );
    expect(blockedReason(planResource(table, observed, gcp))).toBe(
      "blocked: columns.event_time: a column's type is never changed in place (it would need a new table)",
    );

    // With a change to apply as well, it is not blocked: the apply goes on.
    table.spec.partitionExpirationDays = 400;
    const both = planResource(table, observed, gcp);
    expect(both.refusals).toHaveLength(1);
    expect(blockedReason(both)).toBeUndefined();
  });

  it('treats a longer retention as additive and a shorter one as not', () => {
    const table = desired('bigquery-table');
    table.spec.access.writers = [];
    const observed = tableAsCreated(table);
    table.spec.partitionExpirationDays = 400;
    const longer = planResource(table, observed, gcp);
    expect(describePlan(longer)).toEqual([
      'set-partition-expiration partitionExpiration: partitions expire after 90 days -> 400 days',
    ]);
    expect(isAdditivePlan(longer)).toBe(true);
    table.spec.partitionExpirationDays = 30;
    expect(isAdditivePlan(planResource(table, observed, gcp))).toBe(false);
  });

  it('grants what the catalog names and revokes what it no longer does', () => {
    const table = desired('bigquery-table');
    table.spec.access = {
      readers: [
        {
          ref: 'group:default/personalization',
          email: 'p13n@tunewave.example',
        },
      ],
      writers: [],
    };
    const observed = tableAsCreated(table);
    const plan = planResource(table, observed, gcp);
    expect(plan.changes).toEqual([
      {
        action: 'grant',
        field: 'access.readers',
        source: 'spec.access.readers',
        description:
          'grant roles/bigquery.dataViewer to group:p13n@tunewave.example',
        role: 'roles/bigquery.dataViewer',
        member: 'group:p13n@tunewave.example',
        additive: true,
      },
      {
        action: 'revoke',
        field: 'access.readers',
        source: 'spec.access.readers',
        description:
          'revoke roles/bigquery.dataViewer from group:analysts@tunewave.example',
        role: 'roles/bigquery.dataViewer',
        member: 'group:analysts@tunewave.example',
        additive: false,
      },
    ]);
  });

  it('says what a provisioner without access control does not enforce', () => {
    const table = desired('bigquery-table');
    const plan = planResource(table, tableAsCreated(table), local);
    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      'access (spec.access) is not enforced by the local warehouse',
    ]);
  });

  it('notes what a provisioner records without enforcing it', () => {
    const table = desired('bigquery-table');
    const plan = planResource(table, tableAsCreated(table), {
      ...local,
      notes: {
        'bigquery-table': [
          'require partition filter is recorded, not enforced',
        ],
      },
    });
    expect(plan.notes).toEqual([
      'access (spec.access) is not enforced by the local warehouse',
      'require partition filter is recorded, not enforced',
    ]);
  });

  it('sets policy tags from the PII marks where a taxonomy is configured', () => {
    const table = desired('bigquery-table');
    table.spec.access.writers = [];
    const tag = 'projects/p/locations/eu/taxonomies/1/policyTags/2';
    const plan = planResource(table, tableAsCreated(table), {
      ...gcp,
      policyTags: { pseudonymize: tag },
    });
    expect(describePlan(plan)).toEqual([
      `set-policy-tag columns.user_id: policy tag (none) -> ${tag}`,
    ]);
  });

  it('commits a schema revision when the definition changed, pruning the oldest past 20', () => {
    const schema = desired('pubsub-schema');
    const revisions = Array.from({ length: 20 }, (_, i) => ({
      revisionId: `r${i + 1}`,
      definition: JSON.stringify({ type: 'record', name: 'Old', fields: [] }),
    }));
    const observed: ObservedResourceOf<'pubsub-schema'> = {
      type: 'pubsub-schema',
      id: schema.id,
      spec: { project: 'tunewave-events', schema: 'track-played', revisions },
    };
    expect(describePlan(planResource(schema, observed, gcp))).toEqual([
      'prune-schema-revision revisions.r1: delete revision r1: Pub/Sub keeps 20 revisions at most',
      'commit-schema-revision definition: commit the Avro schema of revision 3',
    ]);
    observed.spec.revisions = [
      { revisionId: 'r21', definition: schema.spec.definition },
    ];
    expect(planResource(schema, observed, gcp).action).toBe('none');
  });

  it('replaces a delivery’s transform when the PII marks changed', () => {
    const delivery = desired('delivery');
    const observed: ObservedResourceOf<'delivery'> = {
      type: 'delivery',
      id: delivery.id,
      spec: {
        project: delivery.spec.project,
        subscription: delivery.spec.subscription,
        topic: delivery.spec.topic,
        table: delivery.spec.table,
        labels: delivery.spec.labels,
        transformFingerprint: 'old',
        state: 'SCHEMA_MISMATCH',
      },
    };
    const plan = planResource(delivery, observed, {
      ...gcp,
      transformFingerprint: () => 'new',
    });
    expect(describePlan(plan)).toEqual([
      'set-transform transform: anonymization of revision 3: 2 dropped, 1 pseudonymized',
    ]);
    expect(plan.notes).toEqual(['the delivery is SCHEMA_MISMATCH']);
  });
});
