import {
  DataEndpointEntity,
  DesiredResource,
  desiredResources,
  EventTypeEntity,
  PipelineEntity,
  ProvisioningCatalog,
} from '@dataplatform/backstage-plugin-data-platform-common';

const apiVersion = 'dataplatform.io/v1alpha1' as const;

/**
 * Song Skipped: an event type with nested RECORDs, REPEATED fields and PII
 * marks of every kind, its topic, its hourly raw table (partitioned on
 * `event_time`, clustered by `user_id`, 90 days) and the pipeline the
 * delivery realizes.
 */
export function songSkippedPlatform(): ProvisioningCatalog & {
  eventType: EventTypeEntity;
  raw: DataEndpointEntity;
} {
  const eventType: EventTypeEntity = {
    apiVersion,
    kind: 'EventType',
    metadata: { name: 'song-skipped', namespace: 'default' },
    spec: {
      owner: 'playback',
      lifecycle: 'production',
      system: 'playback',
      schema: {
        revision: 2,
        fields: [
          { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
          {
            name: 'event_time',
            type: 'TIMESTAMP',
            mode: 'REQUIRED',
            description: 'When the track was skipped.',
          },
          {
            name: 'user_id',
            type: 'STRING',
            mode: 'REQUIRED',
            pii: 'pseudonymize',
          },
          { name: 'ip_address', type: 'STRING', pii: 'drop' },
          { name: 'email', type: 'STRING', pii: 'encrypt' },
          { name: 'ms_played', type: 'INT64' },
          { name: 'shuffle', type: 'BOOL' },
          { name: 'moods', type: 'STRING', mode: 'REPEATED' },
          {
            name: 'context',
            type: 'RECORD',
            mode: 'REQUIRED',
            fields: [
              {
                name: 'device',
                type: 'RECORD',
                mode: 'REQUIRED',
                fields: [
                  { name: 'os', type: 'STRING', mode: 'REQUIRED' },
                  { name: 'advertising_id', type: 'STRING', pii: 'drop' },
                ],
              },
              { name: 'country', type: 'STRING' },
            ],
          },
          {
            name: 'queue',
            type: 'RECORD',
            mode: 'REPEATED',
            description: 'The tracks queued after it.',
            fields: [
              { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
              { name: 'added_by', type: 'STRING', pii: 'pseudonymize' },
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
    metadata: { name: 'song-skipped-topic', namespace: 'default' },
    spec: {
      type: 'pubsub-topic',
      owner: 'playback',
      lifecycle: 'production',
      location: { project: 'tunewave-events', topic: 'song-skipped' },
      schema: { eventType: 'song-skipped' },
      retentionDays: 7,
    },
  };
  const raw: DataEndpointEntity = {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: {
      name: 'song-skipped-raw',
      namespace: 'default',
      description: 'Song Skipped events as delivered.',
    },
    spec: {
      type: 'bigquery-table',
      owner: 'playback',
      lifecycle: 'production',
      system: 'playback',
      location: {
        project: 'tunewave-raw',
        dataset: 'events',
        table: 'song_skipped',
      },
      schema: { eventType: 'song-skipped' },
      partitioning: {
        granularity: 'HOUR',
        field: 'event_time',
        keys: ['user_id'],
      },
      retentionDays: 90,
      access: { readers: ['analysts'] },
    },
  };
  const ingest: PipelineEntity = {
    apiVersion,
    kind: 'Pipeline',
    metadata: { name: 'song-skipped-ingest', namespace: 'default' },
    spec: {
      owner: 'data-infrastructure',
      lifecycle: 'production',
      engine: 'dataflow',
      schedule: { type: 'streaming' },
      inputs: ['song-skipped-topic'],
      outputs: ['song-skipped-raw'],
    },
  };
  return {
    eventType,
    raw,
    endpoints: [topic, raw],
    eventTypes: [eventType],
    pipelines: [ingest],
  };
}

/** The resources of a catalog the local warehouse provisions: dataset, table, delivery. */
export function warehouseResources(
  catalog: ProvisioningCatalog,
): DesiredResource[] {
  return desiredResources(catalog).resources.filter(r =>
    ['bigquery-dataset', 'bigquery-table', 'delivery'].includes(r.type),
  );
}
