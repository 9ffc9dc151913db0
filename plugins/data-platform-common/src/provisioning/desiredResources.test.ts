import { flattenFields } from '../schema/fields';
import { trackPlayedPlatform } from './__fixtures__/platform';
import { desiredResources } from './desiredResources';
import type { DesiredResourceOf, ResourceType } from './resources';

function byType<T extends ResourceType>(
  resources: ReturnType<typeof desiredResources>['resources'],
  type: T,
) {
  return resources.filter(r => r.type === type) as DesiredResourceOf<T>[];
}

describe('desiredResources', () => {
  it('gives a table endpoint its dataset and a table shaped by the catalog', () => {
    const { resources, problems } = desiredResources(trackPlayedPlatform());
    expect(problems).toEqual([]);

    const [dataset] = byType(resources, 'bigquery-dataset');
    expect(dataset.id).toBe('bigquery-dataset:tunewave-raw.events');

    const [table] = byType(resources, 'bigquery-table');
    expect(table).toMatchObject({
      id: 'bigquery-table:tunewave-raw.events.track_played',
      entityRef: 'dataendpoint:default/track-played-raw',
      owner: 'group:default/playback',
      dependsOn: [dataset.id],
    });
    expect(table.spec).toMatchObject({
      timePartitioning: { granularity: 'HOUR', field: 'event_time' },
      clustering: ['user_id'],
      partitionExpirationDays: 90,
      requirePartitionFilter: true,
      description: 'Track Played events as delivered.',
      labels: {
        'managed-by': 'backstage-data-platform',
        entity: 'track-played-raw',
        owner: 'playback',
        system: 'playback',
      },
      access: {
        readers: [
          { ref: 'group:default/analysts', email: 'analysts@tunewave.example' },
        ],
        writers: [{ ref: 'group:default/data-infrastructure' }],
      },
    });
  });

  it("stores the event type's fields as delivered: dropped ones gone, pseudonymized ones as STRING tokens", () => {
    const { resources } = desiredResources(trackPlayedPlatform());
    const [table] = byType(resources, 'bigquery-table');
    const columns = flattenFields(table.spec.fields).map(
      f => `${f.path} ${f.field.type}`,
    );
    expect(columns).toEqual([
      'event_id STRING',
      'event_time TIMESTAMP',
      'user_id STRING',
      'email STRING',
      'ms_played INT64',
      'context RECORD',
      'context.device RECORD',
      'context.device.os STRING',
    ]);
  });

  it('gives a topic endpoint its topic, the Pub/Sub schema of its event type and a subscription per consumer', () => {
    const { resources } = desiredResources(trackPlayedPlatform());
    const [schema] = byType(resources, 'pubsub-schema');
    expect(schema.spec).toMatchObject({
      project: 'tunewave-events',
      schema: 'track-played',
      revision: 3,
    });
    expect(JSON.parse(schema.spec.definition)).toMatchObject({
      type: 'record',
      name: 'TrackPlayed',
    });

    const [topic] = byType(resources, 'pubsub-topic');
    expect(topic).toMatchObject({
      id: 'pubsub-topic:tunewave-events/track-played',
      dependsOn: [schema.id],
      spec: {
        messageRetentionDays: 7,
        schema: {
          project: 'tunewave-events',
          schema: 'track-played',
          encoding: 'JSON',
        },
      },
    });

    // The ingest pipeline is realized by the delivery; the recommender pulls.
    const subscriptions = byType(resources, 'pubsub-subscription');
    expect(subscriptions.map(s => s.spec.subscription)).toEqual([
      'track-played.recommendation-feedback',
    ]);
    expect(subscriptions[0]).toMatchObject({
      entityRef: 'pipeline:default/recommendation-feedback',
      owner: 'group:default/personalization',
      dependsOn: [topic.id],
      spec: {
        consumer: 'pipeline:default/recommendation-feedback',
        subscribers: [
          {
            ref: 'group:default/personalization',
            email: 'personalization@tunewave.example',
          },
        ],
      },
    });
  });

  it('delivers the topic into the table through the anonymization of its PII marks', () => {
    const { resources } = desiredResources(trackPlayedPlatform());
    const [delivery] = byType(resources, 'delivery');
    expect(delivery).toMatchObject({
      id: 'delivery:tunewave-events/track-played.delivery.track_played',
      entityRef: 'eventtype:default/track-played',
      dependsOn: [
        'pubsub-topic:tunewave-events/track-played',
        'bigquery-table:tunewave-raw.events.track_played',
      ],
      spec: {
        topic: 'track-played',
        table: {
          project: 'tunewave-raw',
          dataset: 'events',
          table: 'track_played',
        },
        revision: 3,
        pipeline: 'pipeline:default/track-played-ingest',
        anonymization: {
          dropped: ['ip_address', 'context.device.advertising_id'],
          pseudonymized: ['user_id'],
          notApplied: ['email'],
        },
      },
    });
  });

  it('names what it cannot provision, by entity and field', () => {
    const platform = trackPlayedPlatform();
    platform.topic.spec.retentionDays = 60;
    platform.raw.spec.schema = { eventType: 'track-paused' };
    const { resources, problems } = desiredResources(platform);
    expect(problems).toEqual([
      {
        entityRef: 'dataendpoint:default/track-played-raw',
        field: 'spec.schema.eventType',
        message:
          'eventtype:default/track-paused is not in the catalog, so the schema is unknown',
      },
      {
        entityRef: 'dataendpoint:default/track-played-topic',
        field: 'spec.retentionDays',
        message:
          'Pub/Sub keeps messages 31 days at most; the topic keeps them 31',
      },
    ]);
    expect(byType(resources, 'bigquery-table')).toEqual([]);
    expect(byType(resources, 'delivery')).toEqual([]);
    expect(byType(resources, 'pubsub-topic')[0].spec.messageRetentionDays).toBe(
      31,
    );
  });

  it('refuses a table without fields', () => {
    const platform = trackPlayedPlatform();
    platform.raw.spec.schema = { fields: [] };
    expect(desiredResources(platform).problems).toEqual([
      {
        entityRef: 'dataendpoint:default/track-played-raw',
        field: 'spec.schema',
        message: 'the table has no fields: declare them or an event type',
      },
    ]);
  });

  it('leaves GCS paths alone and unpartitioned tables without a partition filter', () => {
    const platform = trackPlayedPlatform();
    platform.raw.spec.partitioning = { granularity: 'NONE' };
    platform.endpoints.push({
      ...platform.raw,
      metadata: { name: 'exports', namespace: 'default' },
      spec: {
        ...platform.raw.spec,
        type: 'gcs-path',
        location: { bucket: 'tunewave-exports', path: 'plays/' },
      },
    });
    const { resources } = desiredResources(platform);
    const [table] = byType(resources, 'bigquery-table');
    expect(table.spec.timePartitioning).toBeUndefined();
    expect(table.spec.requirePartitionFilter).toBe(false);
    expect(table.spec.partitionExpirationDays).toBeUndefined();
    expect(resources.some(r => r.entityRef.endsWith('/exports'))).toBe(false);
  });
});
