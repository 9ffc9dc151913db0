import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  stringifyEntityRef,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  DataEndpointEntity,
  flattenFields,
  isDataEndpointEntity,
  isDataPlatformEntity,
  isEventTypeEntity,
  isPipelineEntity,
  PipelineEntity,
  SchemaField,
  validateDataPlatformEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  listExampleFiles,
  loadExamplePlatform,
  REPO_ROOT,
  specRefs,
} from './__testUtils__/examplePlatform';

const { entities: loaded, files, globalAllows } = loadExamplePlatform();
const entities = loaded.map(l => l.entity);
const byRef = new Map(loaded.map(l => [l.ref, l.entity]));
const ofKind = (kind: string) => entities.filter(e => e.kind === kind);
const eventTypes = entities.filter(isEventTypeEntity);
const endpoints = entities.filter(isDataEndpointEntity);
const pipelines = entities.filter(isPipelineEntity);
const named = <T extends Entity>(list: T[], name: string): T => {
  const found = list.find(e => e.metadata.name === name);
  if (!found) throw new Error(`no example entity named ${name}`);
  return found;
};
const readersOf = (endpoint: string) =>
  pipelines.filter(p => (p.spec.inputs ?? []).includes(endpoint));
const writersOf = (endpoint: string) =>
  pipelines.filter(p => (p.spec.outputs ?? []).includes(endpoint));

/** Names of every pipeline the given one depends on, transitively. */
function upstreamPipelines(pipeline: PipelineEntity): string[] {
  const found = new Set<string>();
  const queue = [...(pipeline.spec.inputs ?? [])];
  while (queue.length > 0) {
    for (const writer of writersOf(queue.shift()!)) {
      if (!found.has(writer.metadata.name)) {
        found.add(writer.metadata.name);
        queue.push(...(writer.spec.inputs ?? []));
      }
    }
  }
  return [...found];
}

describe('the example data platform: loading and validity', () => {
  it('loads every example file through the catalog locations of app-config.yaml', () => {
    expect([...files].sort()).toEqual(
      [path.join(REPO_ROOT, 'catalog-info.yaml'), ...listExampleFiles()].sort(),
    );
  });

  it('has only entities the catalog rules allow where they are read', () => {
    const refused = loaded
      .filter(
        l => ![...globalAllows, ...l.locationAllows].includes(l.entity.kind),
      )
      .map(l => `${l.ref} (${path.relative(REPO_ROOT, l.file)})`);
    expect(refused).toEqual([]);
  });

  it('has entities the catalog accepts: envelope, names, tags, stock kinds', async () => {
    const policy = EntityPolicies.allOf([
      new SchemaValidEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
    ]);
    const kindValidators = [
      componentEntityV1alpha1Validator,
      domainEntityV1alpha1Validator,
      groupEntityV1alpha1Validator,
      locationEntityV1alpha1Validator,
      systemEntityV1alpha1Validator,
      userEntityV1alpha1Validator,
    ];
    const rejected: string[] = [];
    for (const { entity, ref } of loaded) {
      try {
        await policy.enforce(entity);
        if (!isDataPlatformEntity(entity)) {
          const checks = await Promise.all(
            kindValidators.map(validator => validator.check(entity)),
          );
          if (!checks.some(Boolean)) rejected.push(`${ref}: no validator`);
        }
      } catch (error) {
        rejected.push(`${ref}: ${error}`);
      }
    }
    expect(rejected).toEqual([]);
  });

  it('describes every entity but the people', () => {
    expect(
      entities
        .filter(e => e.kind !== 'User' && !e.metadata.description)
        .map(e => stringifyEntityRef(e)),
    ).toEqual([]);
  });

  it('has no two entities with the same ref', () => {
    const refs = loaded.map(l => l.ref);
    expect(refs.filter((ref, i) => refs.indexOf(ref) !== i)).toEqual([]);
  });

  it('gives every data-platform entity a unique name across the three kinds', () => {
    const names = [...eventTypes, ...endpoints, ...pipelines].map(
      e => e.metadata.name,
    );
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('passes validateDataPlatformEntity for every EventType, Pipeline and DataEndpoint', () => {
    const invalid = entities
      .filter(isDataPlatformEntity)
      .map(entity => ({
        entity: stringifyEntityRef(entity),
        problems: validateDataPlatformEntity(entity),
      }))
      .filter(result => result.problems.length > 0);
    expect(invalid).toEqual([]);
  });

  it('resolves every reference to an example entity', () => {
    const unresolved = entities
      .flatMap(specRefs)
      .filter(ref => !byRef.has(ref.ref));
    expect(unresolved).toEqual([]);
  });

  it('has groups and parents that agree about each other', () => {
    const mismatches: string[] = [];
    for (const group of ofKind('Group')) {
      const spec = group.spec as { parent?: string; children: string[] };
      const parent = spec.parent && named(ofKind('Group'), spec.parent);
      if (
        parent &&
        !(parent.spec!.children as string[]).includes(group.metadata.name)
      ) {
        mismatches.push(`${spec.parent} does not list ${group.metadata.name}`);
      }
      for (const child of spec.children) {
        if (
          named(ofKind('Group'), child).spec!.parent !== group.metadata.name
        ) {
          mismatches.push(
            `${child} does not name ${group.metadata.name} as parent`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lets each pipeline owner read its inputs and write its outputs', () => {
    const denied: string[] = [];
    const endpointsByName = new Map(endpoints.map(e => [e.metadata.name, e]));
    for (const pipeline of pipelines) {
      const { owner, inputs = [], outputs = [] } = pipeline.spec;
      const check = (names: string[], side: 'readers' | 'writers') => {
        for (const name of names) {
          const access = endpointsByName.get(name)?.spec.access;
          if (access && !(access[side] ?? []).includes(owner)) {
            denied.push(
              `${pipeline.metadata.name}: ${owner} not in ${name} ${side}`,
            );
          }
        }
      };
      check(inputs, 'readers');
      check(outputs, 'writers');
    }
    expect(denied).toEqual([]);
  });
});

describe('the example data platform: what it promises', () => {
  it('is a company of domains, systems, teams and people', () => {
    expect(ofKind('Domain').length).toBeGreaterThanOrEqual(3);
    expect(ofKind('System').length).toBeGreaterThanOrEqual(3);
    const teams = ofKind('Group').filter(g => g.spec!.type === 'team');
    expect(teams.length).toBeGreaterThanOrEqual(5);
    const users = ofKind('User');
    const memberCount = (team: Entity) =>
      users.filter(u =>
        (u.spec!.memberOf as string[]).includes(team.metadata.name),
      ).length;
    expect(
      teams.filter(t => memberCount(t) < 2).map(t => t.metadata.name),
    ).toEqual([]);
    for (const user of users) {
      const profile = user.spec!.profile as {
        email?: string;
        displayName?: string;
      };
      expect(profile.email).toMatch(/@tunewave\.example$/);
      expect(profile.displayName).toBeTruthy();
    }
  });

  it('has at least 12 event types with nested records, repeated fields, PII marks and history', () => {
    expect(eventTypes.length).toBeGreaterThanOrEqual(12);
    const fields = eventTypes.flatMap(e => flattenFields(e.spec.schema.fields));
    expect(fields.some(f => f.depth >= 3)).toBe(true);
    expect(fields.some(f => f.field.mode === 'REPEATED')).toBe(true);
    expect(
      fields.some(
        f => f.field.mode === 'REPEATED' && f.field.type === 'RECORD',
      ),
    ).toBe(true);
    for (const pii of ['pseudonymize', 'encrypt', 'drop']) {
      expect(fields.some(f => f.field.pii === pii)).toBe(true);
    }
    const unmarked = fields.filter(f => !f.field.pii || f.field.pii === 'none');
    expect(unmarked.length).toBeGreaterThan(fields.length / 2);
    expect(
      eventTypes.filter(e => e.spec.schema.history?.length).length,
    ).toBeGreaterThanOrEqual(3);
    expect(new Set(eventTypes.map(e => e.spec.delivery.partitioning))).toEqual(
      new Set(['HOUR', 'DAY']),
    );
    for (const eventType of eventTypes) {
      expect(eventType.spec.producers?.length).toBeGreaterThan(0);
      expect(eventType.metadata.description).toBeTruthy();
    }
  });

  it('evolves schemas only by adding optional fields between revisions', () => {
    // path:type:mode of every field, e.g. `context.device.os:STRING:REQUIRED`
    const shape = (fields: SchemaField[]) =>
      flattenFields(fields).map(
        f => `${f.path}:${f.field.type}:${f.field.mode ?? 'NULLABLE'}`,
      );
    const breaking: string[] = [];
    for (const eventType of eventTypes) {
      const { revision, fields, history = [] } = eventType.spec.schema;
      const revisions = [...history, { revision, fields }];
      for (let i = 1; i < revisions.length; i++) {
        const before = shape(revisions[i - 1].fields);
        const after = shape(revisions[i].fields);
        const at = `${eventType.metadata.name} r${revisions[i].revision}`;
        for (const field of before.filter(f => !after.includes(f))) {
          breaking.push(`${at}: removed or changed ${field}`);
        }
        for (const field of after.filter(f => !before.includes(f))) {
          if (field.endsWith(':REQUIRED')) {
            breaking.push(`${at}: added required ${field}`);
          }
        }
      }
    }
    expect(breaking).toEqual([]);
  });

  it('has the Track Played event type the browser tests open', () => {
    const trackPlayed = named(eventTypes, 'track-played');
    expect(trackPlayed.metadata.title).toBe('Track Played');
    const fields = flattenFields(trackPlayed.spec.schema.fields);
    expect(fields.find(f => f.path === 'context.device.os')).toBeDefined();
    expect(fields.find(f => f.path === 'user_id')?.field.pii).toBe(
      'pseudonymize',
    );
  });

  it('has at least 30 endpoints: topics, BigQuery tables and GCS paths with partitioning, access and checks', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(30);
    expect(new Set(endpoints.map(e => e.spec.type))).toEqual(
      new Set(['pubsub-topic', 'bigquery-table', 'gcs-path']),
    );
    const tables = endpoints.filter(e => e.spec.type === 'bigquery-table');
    expect(tables.every(e => e.spec.partitioning && e.spec.retentionDays)).toBe(
      true,
    );
    expect(tables.some(e => e.spec.schema?.eventType)).toBe(true);
    expect(tables.some(e => e.spec.schema?.fields)).toBe(true);
    expect(
      endpoints.some(e => (e.spec.partitioning?.keys ?? []).length >= 2),
    ).toBe(true);
    expect(endpoints.every(e => e.spec.access?.readers?.length)).toBe(true);
    const checkTypes = new Set(
      endpoints.flatMap(e => (e.spec.quality ?? []).map(q => q.type)),
    );
    expect(checkTypes).toEqual(
      new Set([
        'freshness',
        'volume',
        'null_rate',
        'uniqueness',
        'schema_match',
        'custom_sql',
      ]),
    );
    // Every event type lands on a topic and in a raw table.
    const landing = (eventType: Entity) =>
      endpoints
        .filter(e => e.spec.schema?.eventType === eventType.metadata.name)
        .map(e => e.spec.type)
        .sort()
        .join(',');
    expect(
      eventTypes
        .filter(e => landing(e) !== 'bigquery-table,pubsub-topic')
        .map(e => e.metadata.name),
    ).toEqual([]);
  });

  it('has at least 25 pipelines across engines and schedules, each with an SLA', () => {
    expect(pipelines.length).toBeGreaterThanOrEqual(25);
    expect(new Set(pipelines.map(p => p.spec.engine))).toEqual(
      new Set([
        'dataflow',
        'flink',
        'scio',
        'bigquery',
        'dbt',
        'spark',
        'python',
      ]),
    );
    expect(new Set(pipelines.map(p => p.spec.schedule.type))).toEqual(
      new Set(['hourly', 'daily', 'cron', 'streaming']),
    );
    expect(
      pipelines.some(
        p =>
          p.spec.schedule.type === 'cron' &&
          p.spec.schedule.timezone === 'Europe/Stockholm',
      ),
    ).toBe(true);
    expect(
      pipelines.filter(p => !p.spec.sla).map(p => p.metadata.name),
    ).toEqual([]);
  });

  it('has lineage at least five pipelines deep, from a producing component to an export', () => {
    const lineage = deepestLineage();
    expect(lineage[0]).toMatch(/^component:/);
    expect(pipelinesOn(lineage)).toBeGreaterThanOrEqual(5);
    const last = byRef.get(lineage[lineage.length - 1]) as DataEndpointEntity;
    expect(last.spec.type).toBe('gcs-path');
  });

  it('has fan-in (pipelines joining several inputs) and fan-out (hub tables read by many)', () => {
    expect(
      pipelines.filter(p => (p.spec.inputs ?? []).length >= 3).length,
    ).toBeGreaterThanOrEqual(3);
    const hubs = endpoints.filter(e => readersOf(e.metadata.name).length >= 4);
    expect(hubs.map(e => e.metadata.name)).toEqual(
      expect.arrayContaining([
        'plays-hourly',
        'track-metadata',
        'subscriptions-daily',
      ]),
    );
  });

  it('names the OpenLineage dataset or job of a few entities by annotation', () => {
    const annotated = entities.filter(
      e =>
        e.metadata.annotations?.['dataplatform.io/openlineage-namespace'] &&
        e.metadata.annotations?.['dataplatform.io/openlineage-name'],
    );
    expect(annotated.filter(isPipelineEntity).length).toBeGreaterThanOrEqual(2);
    expect(
      annotated.filter(isDataEndpointEntity).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('has the scenario other features demo: a late upstream and a failing pipeline the guest owns', () => {
    const guest = byRef.get('user:development/guest')!;
    const guestGroups = (guest.spec!.memberOf as string[]).map(ref =>
      ref.replace(/^group:default\//, ''),
    );
    const late = named(pipelines, 'plays-daily-aggregate');
    const upstream = named(pipelines, 'plays-hourly-clean');
    expect(late.spec.inputs).toEqual(
      expect.arrayContaining(upstream.spec.outputs!),
    );
    expect(upstream.spec.schedule.type).toBe('hourly');
    expect(guestGroups).toContain(late.spec.owner);
    expect(guestGroups).not.toContain(upstream.spec.owner);
    const failing = named(pipelines, 'subscriber-cohorts-dbt');
    expect(guestGroups).toContain(failing.spec.owner);
    // Independent of the late chain, so its failure is its own root cause.
    expect(upstreamPipelines(failing)).not.toContain(upstream.metadata.name);
  });

  it("names groups of the example org in the dev portal's permission policy, without the guest", () => {
    const config = parse(
      fs.readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
    );
    const { adminGroups, onCallGroups } = config.dataPlatform.permissions as {
      adminGroups: string[];
      onCallGroups: string[];
    };
    const guest = byRef.get('user:development/guest')!;
    for (const group of [...adminGroups, ...onCallGroups]) {
      expect(byRef.get(group)?.kind).toBe('Group');
      expect(guest.spec!.memberOf).not.toContain(group);
      const members = ofKind('User').filter(u =>
        (u.spec!.memberOf as string[]).includes(group.split('/')[1]),
      );
      expect(members.length).toBeGreaterThan(0);
    }
  });
});

function pipelinesOn(lineagePath: string[]): number {
  return lineagePath.filter(ref => ref.startsWith('pipeline:')).length;
}

/**
 * The path through the declared lineage (component -> event type ->
 * endpoint -> pipeline -> endpoint ...) with the most pipelines on it.
 */
function deepestLineage(): string[] {
  const next = new Map<string, string[]>();
  const edge = (from: string, to: string) =>
    next.set(from, [...(next.get(from) ?? []), to]);
  for (const { from, field, ref } of entities.flatMap(specRefs)) {
    if (field === 'spec.outputs') edge(from, ref);
    if (
      ['spec.producers', 'spec.schema.eventType', 'spec.inputs'].includes(field)
    ) {
      edge(ref, from);
    }
  }
  const memo = new Map<string, string[]>();
  const visiting = new Set<string>();
  const deepestFrom = (node: string): string[] => {
    const known = memo.get(node);
    if (known) return known;
    if (visiting.has(node)) throw new Error(`lineage cycle through ${node}`);
    visiting.add(node);
    let best: string[] = [];
    for (const child of next.get(node) ?? []) {
      const candidate = deepestFrom(child);
      if (best.length === 0 || pipelinesOn(candidate) > pipelinesOn(best)) {
        best = candidate;
      }
    }
    visiting.delete(node);
    const result = [node, ...best];
    memo.set(node, result);
    return result;
  };
  return [...next.keys()]
    .map(deepestFrom)
    .reduce((a, b) => (pipelinesOn(b) > pipelinesOn(a) ? b : a));
}
