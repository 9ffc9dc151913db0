import {
  Entity,
  FieldFormatEntityPolicy,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  parseEntityRef,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  DataEndpointEntity,
  EventTypeEntity,
  PipelineEntity,
  qualityProblems,
  validateDataPlatformEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { buildPlatform } from '../model/buildPlatform';
import {
  countPlatformEntities,
  generatePlatformEntities,
} from './generatePlatformEntities';

const STOCK_VALIDATORS: Record<
  string,
  { check(entity: Entity): Promise<boolean> }
> = {
  Group: groupEntityV1alpha1Validator,
  User: userEntityV1alpha1Validator,
  Domain: domainEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  Component: componentEntityV1alpha1Validator,
};

/** Every entity reference an entity makes, with the kind it defaults to. */
function referencesOf(entity: Entity): [string, string][] {
  const spec = entity.spec as Record<string, any>;
  const refs: [string, string | string[] | undefined][] = [];
  switch (entity.kind) {
    case 'EventType': {
      const { owner, system, producers } = (entity as EventTypeEntity).spec;
      refs.push(['group', owner], ['system', system], ['component', producers]);
      break;
    }
    case 'DataEndpoint': {
      const { owner, system, schema, access } = (entity as DataEndpointEntity)
        .spec;
      refs.push(
        ['group', owner],
        ['system', system],
        ['eventtype', schema?.eventType],
      );
      refs.push(['group', access?.readers], ['group', access?.writers]);
      break;
    }
    case 'Pipeline': {
      const { owner, system, inputs, outputs } = (entity as PipelineEntity)
        .spec;
      refs.push(['group', owner], ['system', system]);
      refs.push(['dataendpoint', inputs], ['dataendpoint', outputs]);
      break;
    }
    case 'Group':
      refs.push(['group', spec.parent], ['group', spec.children]);
      break;
    case 'User':
      refs.push(['group', spec.memberOf]);
      break;
    case 'Domain':
      refs.push(['group', spec.owner]);
      break;
    default:
      refs.push(
        ['group', spec.owner],
        ['system', spec.system],
        ['domain', spec.domain],
      );
  }
  return refs.flatMap(([kind, values]) =>
    [values ?? []].flat().map(value => [kind, value] as [string, string]),
  );
}

describe('generatePlatformEntities', () => {
  const platform = buildPlatform({ preset: 'small' });
  const entities = [...generatePlatformEntities(platform)];

  it('yields every entity the counts promise', () => {
    const byKind: Record<string, number> = {};
    for (const entity of entities)
      byKind[entity.kind] = (byKind[entity.kind] ?? 0) + 1;
    expect(byKind).toEqual(countPlatformEntities(platform));
    // "small" is a few hundred entities.
    expect(entities.length).toBeGreaterThan(300);
    expect(entities.length).toBeLessThan(600);
  });

  it('yields only entities the data-platform validators accept', () => {
    const problems = entities.flatMap(entity =>
      validateDataPlatformEntity(entity).map(
        p => `${entity.kind}:${entity.metadata.name} ${p.path}: ${p.message}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it("gives endpoints only quality checks their type can run, as the catalog's processor asks", () => {
    const problems = [
      ...generatePlatformEntities(buildPlatform({ preset: 'medium' })),
    ]
      .filter((e): e is DataEndpointEntity => e.kind === 'DataEndpoint')
      .flatMap(endpoint =>
        qualityProblems(endpoint.spec.quality ?? [], undefined, {
          endpointType: endpoint.spec.type,
        }).map(p => `${endpoint.metadata.name} ${p.path}: ${p.message}`),
      );
    expect(problems).toEqual([]);
  });

  it('yields stock entities and metadata the catalog accepts', async () => {
    const policy = new FieldFormatEntityPolicy();
    const rejected: string[] = [];
    for (const entity of entities) {
      await policy.enforce(entity);
      const validator = STOCK_VALIDATORS[entity.kind];
      if (validator && !(await validator.check(entity))) {
        rejected.push(`${entity.kind}:${entity.metadata.name}`);
      }
    }
    expect(rejected).toEqual([]);
  });

  it('has unique refs, and every reference resolves to a generated entity', () => {
    const refs = new Set(entities.map(e => stringifyEntityRef(e)));
    expect(refs.size).toBe(entities.length);
    const dangling = entities.flatMap(entity =>
      referencesOf(entity)
        .map(([defaultKind, ref]) =>
          stringifyEntityRef(
            parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
          ),
        )
        .filter(ref => !refs.has(ref))
        .map(ref => `${entity.metadata.name} -> ${ref}`),
    );
    expect(dangling).toEqual([]);
  });

  it('uses music-streaming names, not placeholders', () => {
    const names = entities.map(e => e.metadata.name);
    expect(names).toContain('track-played');
    expect(names).toContain('plays-hourly');
    expect(names.filter(n => /^(foo|bar|test|entity)\d*$/.test(n))).toEqual([]);
  });

  it('puts every entity in the requested namespace, and its data in projects of that name', () => {
    const namespaced = [
      ...generatePlatformEntities(
        buildPlatform({ preset: 'small', namespace: 'synthetic' }),
      ),
    ];
    expect(namespaced.every(e => e.metadata.namespace === 'synthetic')).toBe(
      true,
    );
    const locations = namespaced
      .filter(e => e.kind === 'DataEndpoint')
      .map(e => (e as DataEndpointEntity).spec.location);
    expect(
      locations.every(l => (l.project ?? l.bucket)!.startsWith('synthetic-')),
    ).toBe(true);
  });
});
