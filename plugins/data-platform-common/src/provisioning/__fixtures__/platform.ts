import type {
  DataEndpointEntity,
  EventTypeEntity,
  PipelineEntity,
} from '../../kinds/entities';
import type { ProvisioningCatalog } from '../desiredResources';

const apiVersion = 'dataplatform.io/v1alpha1' as const;

/** Track Played: an event type, its topic, its raw table, and who reads them. */
export function trackPlayedPlatform(): ProvisioningCatalog & {
  eventType: EventTypeEntity;
  topic: DataEndpointEntity;
  raw: DataEndpointEntity;
} {
  const eventType: EventTypeEntity = {
    apiVersion,
    kind: 'EventType',
    metadata: { name: 'track-played', namespace: 'default' },
    spec: {
      owner: 'playback',
      lifecycle: 'production',
      system: 'playback',
      schema: {
        revision: 3,
        fields: [
          { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
          { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
          {
            name: 'user_id',
            type: 'STRING',
            mode: 'REQUIRED',
            pii: 'pseudonymize',
          },
          { name: 'ip_address', type: 'STRING', pii: 'drop' },
          { name: 'email', type: 'STRING', pii: 'encrypt' },
          { name: 'ms_played', type: 'INT64' },
          {
            name: 'context',
            type: 'RECORD',
            fields: [
              {
                name: 'device',
                type: 'RECORD',
                fields: [
                  { name: 'os', type: 'STRING' },
                  { name: 'advertising_id', type: 'STRING', pii: 'drop' },
                ],
              },
            ],
          },
        ],
      },
      delivery: { partitioning: 'HOUR', retentionDays: 90 },
    },
  };
  const topic: DataEndpointEntity = {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name: 'track-played-topic', namespace: 'default' },
    spec: {
      type: 'pubsub-topic',
      owner: 'playback',
      lifecycle: 'production',
      system: 'playback',
      location: { project: 'tunewave-events', topic: 'track-played' },
      schema: { eventType: 'track-played' },
      retentionDays: 7,
      access: { readers: ['personalization'], writers: ['playback'] },
    },
  };
  const raw: DataEndpointEntity = {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: {
      name: 'track-played-raw',
      namespace: 'default',
      description: 'Track Played events as delivered.',
    },
    spec: {
      type: 'bigquery-table',
      owner: 'playback',
      lifecycle: 'production',
      system: 'playback',
      location: {
        project: 'tunewave-raw',
        dataset: 'events',
        table: 'track_played',
      },
      schema: { eventType: 'track-played' },
      partitioning: {
        granularity: 'HOUR',
        field: 'event_time',
        keys: ['user_id'],
      },
      retentionDays: 90,
      access: { readers: ['analysts'], writers: ['data-infrastructure'] },
    },
  };
  const ingest: PipelineEntity = {
    apiVersion,
    kind: 'Pipeline',
    metadata: { name: 'track-played-ingest', namespace: 'default' },
    spec: {
      owner: 'data-infrastructure',
      lifecycle: 'production',
      engine: 'dataflow',
      schedule: { type: 'streaming' },
      inputs: ['track-played-topic'],
      outputs: ['track-played-raw'],
    },
  };
  const recommender: PipelineEntity = {
    apiVersion,
    kind: 'Pipeline',
    metadata: { name: 'recommendation-feedback', namespace: 'default' },
    spec: {
      owner: 'personalization',
      lifecycle: 'production',
      engine: 'flink',
      schedule: { type: 'streaming' },
      inputs: ['track-played-topic'],
      outputs: [],
    },
  };
  const emails: Record<string, string> = {
    'group:default/playback': 'playback@tunewave.example',
    'group:default/personalization': 'personalization@tunewave.example',
    'group:default/analysts': 'analysts@tunewave.example',
  };
  return {
    eventType,
    topic,
    raw,
    endpoints: [topic, raw],
    eventTypes: [eventType],
    pipelines: [ingest, recommender],
    emailOf: ref => emails[ref],
  };
}
