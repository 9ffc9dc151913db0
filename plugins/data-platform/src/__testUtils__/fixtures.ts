import type { Entity } from '@backstage/catalog-model';
import type {
  DataEndpointEntity,
  EventTypeEntity,
  PipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';

const API_VERSION = 'dataplatform.io/v1alpha1' as const;

/** Relations the catalog processor emits for every data platform entity. */
function ownership(owner: string, system?: string) {
  return [
    { type: 'ownedBy', targetRef: owner },
    ...(system ? [{ type: 'partOf', targetRef: system }] : []),
  ];
}

export const trackPlayed: EventTypeEntity = {
  apiVersion: API_VERSION,
  kind: 'EventType',
  metadata: {
    name: 'track-played',
    namespace: 'default',
    description: 'Emitted by every client when a track starts playing.',
    tags: ['listening', 'core'],
  },
  spec: {
    owner: 'group:default/playback',
    lifecycle: 'production',
    system: 'listening',
    schema: {
      revision: 3,
      compatibility: 'BACKWARD',
      fields: [
        {
          name: 'event_id',
          type: 'STRING',
          mode: 'REQUIRED',
          description: 'Unique id of this event, for deduplication',
        },
        {
          name: 'user_id',
          type: 'STRING',
          mode: 'REQUIRED',
          pii: 'pseudonymize',
          description: 'The listener',
        },
        { name: 'track_uri', type: 'STRING', mode: 'REQUIRED' },
        {
          name: 'ms_played',
          type: 'INT64',
          description: 'Milliseconds played',
        },
        {
          name: 'context',
          type: 'RECORD',
          description: 'Where the playback happened',
          fields: [
            {
              name: 'device',
              type: 'RECORD',
              fields: [
                { name: 'os', type: 'STRING', description: 'Operating system' },
                { name: 'ip_address', type: 'STRING', pii: 'drop' },
              ],
            },
            { name: 'playlist_uri', type: 'STRING' },
          ],
        },
        {
          name: 'skips',
          type: 'RECORD',
          mode: 'REPEATED',
          fields: [{ name: 'at_ms', type: 'INT64' }],
        },
        { name: 'email', type: 'STRING', pii: 'encrypt' },
      ],
      history: [
        {
          revision: 1,
          createdAt: '2026-01-10',
          comment: 'First version',
          fields: [
            { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'user_id', type: 'STRING', mode: 'REQUIRED' },
          ],
        },
        {
          revision: 2,
          createdAt: '2026-04-02',
          comment: 'Pseudonymize user_id',
          fields: [
            { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
            {
              name: 'user_id',
              type: 'STRING',
              mode: 'REQUIRED',
              pii: 'pseudonymize',
            },
            { name: 'track_uri', type: 'STRING', mode: 'REQUIRED' },
          ],
        },
      ],
    },
    delivery: { partitioning: 'HOUR', retentionDays: 90 },
    producers: ['playback-service', 'component:default/web-player'],
  },
  relations: [
    ...ownership('group:default/playback', 'system:default/listening'),
    { type: 'producedBy', targetRef: 'component:default/playback-service' },
    { type: 'producedBy', targetRef: 'component:default/web-player' },
    {
      type: 'eventTypeOf',
      targetRef: 'dataendpoint:default/track-played-topic',
    },
    {
      type: 'eventTypeOf',
      targetRef: 'dataendpoint:default/track-played-hourly',
    },
  ],
};

export const trackPlayedTopic: DataEndpointEntity = {
  apiVersion: API_VERSION,
  kind: 'DataEndpoint',
  metadata: { name: 'track-played-topic', namespace: 'default' },
  spec: {
    type: 'pubsub-topic',
    owner: 'group:default/playback',
    lifecycle: 'production',
    location: { project: 'sp-event-delivery', topic: 'track-played' },
    schema: { eventType: 'track-played' },
  },
  relations: [
    ...ownership('group:default/playback'),
    { type: 'hasEventType', targetRef: 'eventtype:default/track-played' },
    { type: 'readBy', targetRef: 'pipeline:default/track-played-ingest' },
  ],
};

export const trackPlayedHourly: DataEndpointEntity = {
  apiVersion: API_VERSION,
  kind: 'DataEndpoint',
  metadata: {
    name: 'track-played-hourly',
    namespace: 'default',
    description: 'Every track-played event, one partition per hour.',
  },
  spec: {
    type: 'bigquery-table',
    owner: 'group:default/playback',
    lifecycle: 'production',
    system: 'listening',
    location: {
      project: 'sp-listening-prod',
      dataset: 'listening',
      table: 'track_played_hourly',
    },
    schema: { eventType: 'eventtype:default/track-played' },
    partitioning: {
      granularity: 'HOUR',
      field: 'event_time',
      keys: ['country', 'platform'],
    },
    retentionDays: 400,
    access: {
      readers: ['analytics', 'group:default/royalties'],
      writers: ['group:default/playback'],
    },
    quality: [
      { type: 'freshness', maxDelay: 'PT2H' },
      { type: 'volume', minRows: 1000000 },
      {
        name: 'users are known',
        type: 'null_rate',
        column: 'user_id',
        maxNullRate: 0.001,
      },
      {
        name: 'no negative playtime',
        type: 'custom_sql',
        sql: 'SELECT * FROM t WHERE ms_played < 0',
      },
    ],
  },
  relations: [
    ...ownership('group:default/playback', 'system:default/listening'),
    { type: 'hasEventType', targetRef: 'eventtype:default/track-played' },
    { type: 'writtenBy', targetRef: 'pipeline:default/track-played-ingest' },
    { type: 'readBy', targetRef: 'pipeline:default/daily-listening-stats' },
  ],
};

export const dailyStreams: DataEndpointEntity = {
  apiVersion: API_VERSION,
  kind: 'DataEndpoint',
  metadata: { name: 'daily-streams', namespace: 'default' },
  spec: {
    type: 'gcs-path',
    owner: 'group:default/royalties',
    lifecycle: 'production',
    location: { bucket: 'sp-royalties-exports', path: '/daily-streams/' },
  },
  relations: ownership('group:default/royalties'),
};

export const trackPlayedIngest: PipelineEntity = {
  apiVersion: API_VERSION,
  kind: 'Pipeline',
  metadata: { name: 'track-played-ingest', namespace: 'default' },
  spec: {
    owner: 'group:default/playback',
    lifecycle: 'production',
    engine: 'dataflow',
    schedule: { type: 'streaming' },
    inputs: ['track-played-topic'],
    outputs: ['dataendpoint:default/track-played-hourly'],
  },
  relations: [
    ...ownership('group:default/playback'),
    { type: 'readsFrom', targetRef: 'dataendpoint:default/track-played-topic' },
    { type: 'writesTo', targetRef: 'dataendpoint:default/track-played-hourly' },
  ],
};

export const dailyListeningStats: PipelineEntity = {
  apiVersion: API_VERSION,
  kind: 'Pipeline',
  metadata: { name: 'daily-listening-stats', namespace: 'default' },
  spec: {
    owner: 'group:default/royalties',
    lifecycle: 'production',
    engine: 'bigquery',
    schedule: { type: 'cron', cron: '0 3 * * *', timezone: 'Europe/Stockholm' },
    sla: { deadline: 'PT2H' },
    inputs: ['track-played-hourly'],
    outputs: ['daily-streams', 'dataendpoint:default/not-registered-yet'],
  },
  relations: [
    ...ownership('group:default/royalties'),
    {
      type: 'readsFrom',
      targetRef: 'dataendpoint:default/track-played-hourly',
    },
    { type: 'writesTo', targetRef: 'dataendpoint:default/daily-streams' },
  ],
};

export const playbackService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'playback-service', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/playback',
    lifecycle: 'production',
  },
  relations: ownership('group:default/playback'),
};

export const webPlayer: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web-player', namespace: 'default' },
  spec: {
    type: 'website',
    owner: 'group:default/web',
    lifecycle: 'production',
  },
  relations: ownership('group:default/web'),
};

/** A stock entity that must get none of the data platform cards. */
export const plainComponent: Entity = playbackService;

/** Everything above, as the catalog would hold it. */
export const catalogEntities: Entity[] = [
  trackPlayed,
  trackPlayedTopic,
  trackPlayedHourly,
  dailyStreams,
  trackPlayedIngest,
  dailyListeningStats,
  playbackService,
  webPlayer,
];
