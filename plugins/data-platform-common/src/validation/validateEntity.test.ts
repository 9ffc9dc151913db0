import { validateDataPlatformEntity } from './validateEntity';
import { formatProblems, joinPath } from './problems';

describe('validateDataPlatformEntity', () => {
  it('leaves entities of other apiVersions alone, whatever their kind', () => {
    expect(
      validateDataPlatformEntity({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'ios-client' },
        spec: { nonsense: true },
      }),
    ).toEqual([]);
    expect(
      validateDataPlatformEntity({
        apiVersion: 'example.com/v1',
        kind: 'EventType',
        metadata: { name: 'foreign' },
      }),
    ).toEqual([]);
  });

  it('names the kinds of its apiVersion when the kind is unknown', () => {
    expect(
      validateDataPlatformEntity({
        apiVersion: 'dataplatform.io/v1alpha1',
        kind: 'Dataset',
        metadata: { name: 'plays' },
        spec: {},
      }),
    ).toEqual([
      {
        path: 'kind',
        message:
          'dataplatform.io/v1alpha1 has no kind "Dataset"; expected one of EventType, Pipeline, DataEndpoint',
      },
    ]);
  });

  it('matches the kind case-insensitively, as the catalog does', () => {
    expect(
      validateDataPlatformEntity({
        apiVersion: 'dataplatform.io/v1alpha1',
        kind: 'pipeline',
        metadata: { name: 'p' },
        spec: {
          owner: 'team',
          lifecycle: 'production',
          engine: 'dbt',
          schedule: { type: 'daily' },
          outputs: ['x'],
        },
      }),
    ).toEqual([]);
  });

  it('reports JSON Schema problems first and all of them at once', () => {
    const problems = validateDataPlatformEntity({
      apiVersion: 'dataplatform.io/v1alpha1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: {
        owner: 'component:not-a-group',
        lifecycle: '',
        engine: 'hadoop',
        schedule: { type: 'cron' },
      },
    });
    // The owner's kind and the missing cron are checked only once the spec
    // has the shape the schema describes.
    expect(problems.map(p => p.path)).toEqual([
      'spec.lifecycle',
      'spec.engine',
    ]);
  });
});

describe('joinPath', () => {
  it('joins names with dots and indexes with brackets', () => {
    expect(joinPath('spec.schema', 'fields', 2, 'fields', 0, 'type')).toBe(
      'spec.schema.fields[2].fields[0].type',
    );
    expect(joinPath('', 'spec')).toBe('spec');
  });
});

describe('formatProblems', () => {
  it('prints each problem as path: message, separated by semicolons', () => {
    expect(
      formatProblems([
        { path: 'spec.owner', message: 'is required' },
        { path: 'spec.schema.fields[1].type', message: 'must be one of: A, B' },
      ]),
    ).toBe(
      'spec.owner: is required; spec.schema.fields[1].type: must be one of: A, B',
    );
  });
});
