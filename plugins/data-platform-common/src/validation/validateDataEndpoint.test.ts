import { Entity } from '@backstage/catalog-model';
import { validateDataPlatformEntity } from './validateEntity';

function playsHourly(): Entity & { spec: any } {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'DataEndpoint',
    metadata: { name: 'plays-hourly' },
    spec: {
      type: 'bigquery-table',
      owner: 'group:listening-insights',
      lifecycle: 'production',
      system: 'listening-history',
      location: {
        project: 'music-analytics',
        dataset: 'listening',
        table: 'plays_hourly',
      },
      schema: {
        fields: [
          { name: 'hour', type: 'TIMESTAMP', mode: 'REQUIRED' },
          { name: 'country', type: 'STRING' },
          { name: 'platform', type: 'STRING' },
          { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
          { name: 'plays', type: 'INT64' },
        ],
      },
      partitioning: {
        granularity: 'HOUR',
        field: 'hour',
        keys: ['country', 'platform'],
      },
      retentionDays: 400,
      access: {
        readers: ['group:analysts', 'user:jane'],
        writers: ['listening-insights'],
      },
      quality: [
        { name: 'lands-on-time', type: 'freshness', maxDelay: 'PT2H' },
        { type: 'volume', minRows: 1000 },
        { type: 'null_rate', column: 'country', maxNullRate: 0.01 },
        { type: 'uniqueness', column: 'user_id' },
        { type: 'schema_match' },
        {
          type: 'custom_sql',
          sql: 'SELECT * FROM plays_hourly WHERE plays < 0',
        },
      ],
    },
  };
}

function trackPlayedTopic(): Entity & { spec: any } {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'DataEndpoint',
    metadata: { name: 'track-played-topic' },
    spec: {
      type: 'pubsub-topic',
      owner: 'playback',
      lifecycle: 'production',
      location: { project: 'music-events', topic: 'track-played' },
      schema: { eventType: 'track-played' },
    },
  };
}

const paths = (entity: Entity) =>
  validateDataPlatformEntity(entity).map(p => p.path);

describe('validateDataPlatformEntity on a DataEndpoint', () => {
  it('accepts a BigQuery table with schema, partitioning, access and checks', () => {
    expect(validateDataPlatformEntity(playsHourly())).toEqual([]);
  });

  it('accepts a Pub/Sub topic whose schema is an EventType', () => {
    expect(validateDataPlatformEntity(trackPlayedTopic())).toEqual([]);
  });

  it('accepts a GCS path, with or without an object path', () => {
    const entity = trackPlayedTopic();
    entity.spec.type = 'gcs-path';
    entity.spec.location = { bucket: 'music-exports', path: 'plays/daily/' };
    expect(validateDataPlatformEntity(entity)).toEqual([]);
    entity.spec.location = { bucket: 'music-exports' };
    expect(validateDataPlatformEntity(entity)).toEqual([]);
  });

  describe('JSON Schema rules', () => {
    it('rejects an unknown store type', () => {
      const entity = trackPlayedTopic();
      entity.spec.type = 'kafka-topic';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.type',
          message: 'must be one of: bigquery-table, pubsub-topic, gcs-path',
        },
      ]);
    });

    it('checks the format of project, topic and bucket names', () => {
      const entity = playsHourly();
      entity.spec.location.project = 'Music_Analytics';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.location.project',
          message: 'must match ^[a-z][a-z0-9-]{4,28}[a-z0-9]$',
        },
      ]);
    });

    it('wants exactly one of eventType and fields as schema', () => {
      const both = trackPlayedTopic();
      both.spec.schema.fields = [{ name: 'id', type: 'STRING' }];
      const neither = trackPlayedTopic();
      neither.spec.schema = {};
      for (const entity of [both, neither]) {
        expect(validateDataPlatformEntity(entity)).toEqual([
          {
            path: 'spec.schema',
            message: 'must have exactly one of: eventType, fields',
          },
        ]);
      }
    });

    it('rejects an unknown partition granularity and a repeated key', () => {
      const entity = playsHourly();
      entity.spec.partitioning.granularity = 'WEEK';
      entity.spec.partitioning.keys = ['country', 'country'];
      expect(paths(entity)).toEqual([
        'spec.partitioning.granularity',
        'spec.partitioning.keys',
      ]);
    });

    it('checks quality check types and thresholds', () => {
      const entity = playsHourly();
      entity.spec.quality[0].maxDelay = '2 hours';
      entity.spec.quality[2].maxNullRate = 1.5;
      entity.spec.quality[4].type = 'row_count';
      expect(paths(entity)).toEqual([
        'spec.quality[0].maxDelay',
        'spec.quality[2].maxNullRate',
        'spec.quality[4].type',
      ]);
    });

    it('names an unknown location key', () => {
      const entity = playsHourly();
      entity.spec.location.region = 'EU';
      expect(validateDataPlatformEntity(entity)).toEqual([
        { path: 'spec.location.region', message: 'is not a known property' },
      ]);
    });
  });

  describe('location keys by endpoint type', () => {
    it('wants project, dataset and table for a BigQuery table', () => {
      const entity = playsHourly();
      entity.spec.location = { project: 'music-analytics' };
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.location.dataset',
          message: 'is required for a bigquery-table',
        },
        {
          path: 'spec.location.table',
          message: 'is required for a bigquery-table',
        },
      ]);
    });

    it('wants project and topic for a Pub/Sub topic, and no dataset', () => {
      const entity = trackPlayedTopic();
      entity.spec.location = { project: 'music-events', dataset: 'listening' };
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.location.topic',
          message: 'is required for a pubsub-topic',
        },
        {
          path: 'spec.location.dataset',
          message: 'does not apply to a pubsub-topic',
        },
      ]);
    });

    it('wants a bucket for a GCS path', () => {
      const entity = trackPlayedTopic();
      entity.spec.type = 'gcs-path';
      entity.spec.location = { path: 'plays/' };
      expect(validateDataPlatformEntity(entity)).toEqual([
        { path: 'spec.location.bucket', message: 'is required for a gcs-path' },
      ]);
    });

    it('keeps an object path to GCS', () => {
      const entity = playsHourly();
      entity.spec.location.path = 'plays/';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.location.path',
          message: 'does not apply to a bigquery-table',
        },
      ]);
    });
  });

  describe('partitioning', () => {
    it('wants the time field and every key to name a top-level field', () => {
      const entity = playsHourly();
      entity.spec.partitioning.field = 'event_hour';
      entity.spec.partitioning.keys = ['country', 'device'];
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.partitioning.field',
          message: 'names no top-level field ("event_hour")',
        },
        {
          path: 'spec.partitioning.keys[1]',
          message: 'names no top-level field ("device")',
        },
      ]);
    });

    it('matches partition keys to fields case-insensitively', () => {
      const entity = playsHourly();
      entity.spec.partitioning.keys = ['COUNTRY'];
      expect(validateDataPlatformEntity(entity)).toEqual([]);
    });

    it('cannot check keys when the schema lives in an EventType', () => {
      const entity = trackPlayedTopic();
      entity.spec.partitioning = { granularity: 'DAY', keys: ['anything'] };
      expect(validateDataPlatformEntity(entity)).toEqual([]);
    });
  });

  describe('quality checks', () => {
    it.each([
      ['freshness', 'maxDelay'],
      ['volume', 'minRows'],
      ['null_rate', 'column'],
      ['uniqueness', 'column'],
      ['custom_sql', 'sql'],
    ])('wants a %s check to say its %s', (type, key) => {
      const entity = playsHourly();
      entity.spec.quality = [{ type: 'schema_match' }, { type }];
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: `spec.quality[1].${key}`,
          message: `is required for a ${type} check`,
        },
      ]);
    });

    it('checks the new check types, severities and names', () => {
      const entity = playsHourly();
      entity.spec.quality = [
        { type: 'accepted_values', column: 'platform', values: ['ios'] },
        { type: 'range', column: 'plays', min: 0, severity: 'critical' },
        { type: 'volume_anomaly', weeks: 8 },
      ];
      expect(validateDataPlatformEntity(entity)).toEqual([]);
      entity.spec.quality[0].severity = 'urgent';
      entity.spec.quality[2].weeks = 0;
      expect(paths(entity)).toEqual([
        'spec.quality[0].severity',
        'spec.quality[2].weeks',
      ]);
    });

    it('names a check column missing from the endpoint schema', () => {
      const entity = playsHourly();
      entity.spec.quality[2].column = 'region';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.quality[2].column',
          message: 'names no field of the schema ("region")',
        },
      ]);
    });

    it('names range bounds out of order and custom SQL that is not a SELECT', () => {
      const entity = playsHourly();
      entity.spec.quality.push({
        type: 'range',
        column: 'plays',
        min: 100,
        max: 0,
      });
      entity.spec.quality[5].sql = 'DELETE FROM plays_hourly WHERE plays < 0';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.quality[5].sql',
          message: 'must be a SELECT returning the failing rows, not a DELETE',
        },
        {
          path: 'spec.quality[6].min',
          message: 'is greater than max (100 > 0)',
        },
      ]);
    });

    it('leaves columns of an event type to the catalog module', () => {
      const entity = trackPlayedTopic();
      entity.spec.type = 'bigquery-table';
      entity.spec.location = {
        project: 'music-events',
        dataset: 'raw',
        table: 'track_played',
      };
      entity.spec.quality = [{ type: 'null_rate', column: 'anything' }];
      expect(validateDataPlatformEntity(entity)).toEqual([]);
    });
  });

  describe('references', () => {
    it('wants schema.eventType to be an EventType', () => {
      const entity = trackPlayedTopic();
      entity.spec.schema.eventType = 'component:ios-client';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schema.eventType',
          message:
            'must refer to an EventType, not a component ("component:ios-client")',
        },
      ]);
    });

    it('wants readers and writers to be Groups or Users', () => {
      const entity = playsHourly();
      entity.spec.access.readers = ['group:analysts', 'system:reporting'];
      entity.spec.access.writers = ['component:aggregator'];
      expect(paths(entity)).toEqual([
        'spec.access.readers[1]',
        'spec.access.writers[0]',
      ]);
    });
  });
});
