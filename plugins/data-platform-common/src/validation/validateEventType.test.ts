import { Entity } from '@backstage/catalog-model';
import { validateDataPlatformEntity } from './validateEntity';

function trackPlayed(): Entity & { spec: any } {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'EventType',
    metadata: { name: 'track-played' },
    spec: {
      owner: 'group:playback',
      lifecycle: 'production',
      system: 'listening-history',
      schema: {
        revision: 3,
        compatibility: 'BACKWARD',
        fields: [
          {
            name: 'user_id',
            type: 'STRING',
            mode: 'REQUIRED',
            pii: 'pseudonymize',
            description: 'Who listened',
          },
          {
            name: 'track',
            type: 'RECORD',
            fields: [
              { name: 'uri', type: 'STRING', mode: 'REQUIRED' },
              { name: 'duration_ms', type: 'INT64' },
            ],
          },
          { name: 'played_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
        ],
        history: [
          {
            revision: 1,
            fields: [
              { name: 'user_id', type: 'STRING', mode: 'REQUIRED' },
              { name: 'played_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
            ],
          },
          {
            revision: 2,
            fields: [
              { name: 'user_id', type: 'STRING', mode: 'REQUIRED' },
              {
                name: 'track',
                type: 'RECORD',
                fields: [{ name: 'uri', type: 'STRING', mode: 'REQUIRED' }],
              },
              { name: 'played_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
            ],
            createdAt: '2025-03-01',
            comment: 'adds the track',
          },
        ],
      },
      delivery: { partitioning: 'HOUR', retentionDays: 90 },
      producers: ['component:ios-client', 'android-client'],
    },
  };
}

const paths = (entity: Entity) =>
  validateDataPlatformEntity(entity).map(p => p.path);

describe('validateDataPlatformEntity on an EventType', () => {
  it('accepts a complete event type', () => {
    expect(validateDataPlatformEntity(trackPlayed())).toEqual([]);
  });

  it('accepts the minimum: owner, lifecycle, schema and delivery', () => {
    const entity = trackPlayed();
    entity.spec = {
      owner: 'playback',
      lifecycle: 'experimental',
      schema: { revision: 1, fields: [{ name: 'id', type: 'STRING' }] },
      delivery: { partitioning: 'DAY', retentionDays: 1 },
    };
    expect(validateDataPlatformEntity(entity)).toEqual([]);
  });

  describe('JSON Schema rules, with the dotted path of the field', () => {
    it('names an unknown field type and the allowed ones', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[2].type = 'DATETIME2';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.fields[2].type',
          message: expect.stringMatching(
            /^must be one of: STRING, BYTES, INT64, .*, RECORD$/,
          ),
        },
      ]);
    });

    it('finds a bad mode inside a nested RECORD', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[1].fields[1].mode = 'OPTIONAL';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.fields[1].fields[1].mode',
          message: 'must be one of: NULLABLE, REQUIRED, REPEATED',
        },
      ]);
    });

    it('rejects an unknown PII classification', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[0].pii = 'hash';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.fields[0].pii',
          message: 'must be one of: none, pseudonymize, encrypt, drop',
        },
      ]);
    });

    it('rejects an unknown compatibility mode and delivery granularity', () => {
      const entity = trackPlayed();
      entity.spec.schema.compatibility = 'SIDEWAYS';
      entity.spec.delivery.partitioning = 'MINUTE';
      expect(paths(entity)).toEqual([
        'spec.schema.compatibility',
        'spec.delivery.partitioning',
      ]);
    });

    it('names each missing required property', () => {
      const entity = trackPlayed();
      delete entity.spec.delivery;
      delete entity.spec.schema.fields[0].type;
      expect(validateDataPlatformEntity(entity)).toEqual(
        expect.arrayContaining([
          { path: 'spec.delivery', message: 'is required' },
          { path: 'spec.schema.fields[0].type', message: 'is required' },
        ]),
      );
      expect(validateDataPlatformEntity(entity)).toHaveLength(2);
    });

    it('names a property the schema does not know', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[1].fields[0].nullable = true;
      entity.spec.partitioning = 'HOUR';
      expect(validateDataPlatformEntity(entity)).toEqual(
        expect.arrayContaining([
          {
            path: 'spec.schema.fields[1].fields[0].nullable',
            message: 'is not a known property',
          },
          { path: 'spec.partitioning', message: 'is not a known property' },
        ]),
      );
    });

    it('explains a field name that breaks BigQuery column rules', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[2].name = '2nd-play';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.fields[2].name',
          message: expect.stringContaining(
            'is not valid: Column name: letters, digits and underscores',
          ),
        },
      ]);
    });

    it('rejects an empty field list, a zero revision and zero retention', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields = [];
      entity.spec.schema.revision = 0;
      entity.spec.delivery.retentionDays = 0;
      expect(paths(entity).sort()).toEqual([
        'spec.delivery.retentionDays',
        'spec.schema.fields',
        'spec.schema.revision',
      ]);
    });

    it('points into the producers list by index', () => {
      const entity = trackPlayed();
      entity.spec.producers = ['ios-client', ''];
      expect(paths(entity)).toEqual(['spec.producers[1]']);
    });

    it('reports a missing spec as a whole', () => {
      const entity = trackPlayed();
      delete entity.spec;
      expect(validateDataPlatformEntity(entity)).toEqual([
        { path: 'spec', message: 'must be object' },
      ]);
    });
  });

  describe('rules beyond JSON Schema', () => {
    it('rejects a producer that is not a Component', () => {
      const entity = trackPlayed();
      entity.spec.producers = ['android-client', 'group:playback'];
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.producers[1]',
          message: 'must refer to a Component, not a group ("group:playback")',
        },
      ]);
    });

    it('rejects an owner that is neither a Group nor a User, and a system that is not a System', () => {
      const entity = trackPlayed();
      entity.spec.owner = 'component:ios-client';
      entity.spec.system = 'domain:listening';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.owner',
          message:
            'must refer to a Group or User, not a component ("component:ios-client")',
        },
        {
          path: 'spec.system',
          message: 'must refer to a System, not a domain ("domain:listening")',
        },
      ]);
    });

    it('accepts a User as owner and refs in any case', () => {
      const entity = trackPlayed();
      entity.spec.owner = 'user:default/jane.doe';
      entity.spec.producers = ['Component:ios-client'];
      expect(validateDataPlatformEntity(entity)).toEqual([]);
    });

    it('rejects an entity reference that cannot be parsed', () => {
      const entity = trackPlayed();
      entity.spec.owner = 'group:';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.owner',
          message: 'is not a valid entity reference ("group:")',
        },
      ]);
    });

    it('validates every field rule in the current schema', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[2].name = 'USER_ID';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.fields[2].name',
          message: 'duplicates the name of user_id; names are case-insensitive',
        },
      ]);
    });

    it('refuses a schema that breaks its compatibility mode against the history, naming each change', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[2].type = 'STRING';
      entity.spec.schema.fields[1].fields[0].type = 'BYTES';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.fields',
          message:
            'track.uri: type STRING -> BYTES is not BACKWARD compatible (spec.schema.compatibility is BACKWARD)',
        },
        {
          path: 'spec.schema.fields',
          message:
            'played_at: type TIMESTAMP -> STRING is not BACKWARD compatible (spec.schema.compatibility is BACKWARD)',
        },
      ]);
    });

    it('checks every earlier revision in a transitive mode, none in NONE', () => {
      const entity = trackPlayed();
      entity.spec.schema.fields[2].type = 'DATE';
      entity.spec.schema.compatibility = 'BACKWARD_TRANSITIVE';
      expect(validateDataPlatformEntity(entity).map(p => p.message)).toEqual([
        'played_at: type TIMESTAMP -> DATE is not BACKWARD compatible with revision 1 (spec.schema.compatibility is BACKWARD_TRANSITIVE)',
        'played_at: type TIMESTAMP -> DATE is not BACKWARD compatible with revision 2 (spec.schema.compatibility is BACKWARD_TRANSITIVE)',
      ]);
      entity.spec.schema.compatibility = 'NONE';
      expect(validateDataPlatformEntity(entity)).toEqual([]);
    });

    it('wants the history in increasing revision order', () => {
      const entity = trackPlayed();
      entity.spec.schema.history.reverse();
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.history[1].revision',
          message: 'history must list revisions in increasing order',
        },
      ]);
    });

    it('rejects a repeated revision in the history', () => {
      const entity = trackPlayed();
      entity.spec.schema.history[1].revision = 1;
      expect(paths(entity)).toEqual(['spec.schema.history[1].revision']);
    });

    it('wants every historical revision below the current one', () => {
      const entity = trackPlayed();
      entity.spec.schema.revision = 2;
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.history[1].revision',
          message: 'must be lower than the current revision 2',
        },
      ]);
    });

    it('validates the fields of historical revisions too', () => {
      const entity = trackPlayed();
      entity.spec.schema.history[0].fields.push({
        name: 'meta',
        type: 'RECORD',
      });
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.history[0].fields[2].fields',
          message: 'a RECORD needs at least one nested field',
        },
      ]);
    });
  });
});
