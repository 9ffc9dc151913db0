import {
  DesiredResourceOf,
  ObservedResourceOf,
  resourceIds,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';

export const PROJECT = 'tunewave-raw';
export const EVENTS_PROJECT = 'tunewave-events';
export const POLICY_TAGS = {
  pseudonymize:
    'projects/tunewave-governance/locations/eu/taxonomies/1/policyTags/11',
  encrypt:
    'projects/tunewave-governance/locations/eu/taxonomies/1/policyTags/12',
};
export const KEY = 'a-test-pseudonymization-key-0123';

const labels = {
  'managed-by': 'backstage-data-platform',
  entity: 'track-played-raw',
  owner: 'playback',
  system: 'playback',
};

/** Track Played, as its raw table stores it (dropped fields gone, tokens as STRING). */
export const trackPlayedFields: SchemaField[] = [
  { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
  {
    name: 'user_id',
    type: 'STRING',
    mode: 'REQUIRED',
    pii: 'pseudonymize',
    description: 'Who played it',
  },
  { name: 'ms_played', type: 'INT64' },
  {
    name: 'context',
    type: 'RECORD',
    fields: [
      {
        name: 'device',
        type: 'RECORD',
        fields: [{ name: 'os', type: 'STRING' }],
      },
    ],
  },
  {
    name: 'tracks',
    type: 'RECORD',
    mode: 'REPEATED',
    fields: [
      { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'position', type: 'INT64' },
    ],
  },
  { name: 'country', type: 'STRING' },
];

export function datasetResource(): DesiredResourceOf<'bigquery-dataset'> {
  return {
    type: 'bigquery-dataset',
    id: resourceIds.dataset(PROJECT, 'events'),
    entityRef: 'dataendpoint:default/track-played-raw',
    owner: 'group:default/playback',
    dependsOn: [],
    spec: {
      project: PROJECT,
      dataset: 'events',
      labels: { 'managed-by': 'backstage-data-platform' },
    },
  };
}

export function tableResource(
  table = 'track_played',
): DesiredResourceOf<'bigquery-table'> {
  return {
    type: 'bigquery-table',
    id: resourceIds.table(PROJECT, 'events', table),
    entityRef: 'dataendpoint:default/track-played-raw',
    owner: 'group:default/playback',
    dependsOn: [resourceIds.dataset(PROJECT, 'events')],
    spec: {
      project: PROJECT,
      dataset: 'events',
      table,
      description: 'Every track played, as delivered',
      fields: trackPlayedFields,
      timePartitioning: { granularity: 'HOUR', field: 'event_time' },
      clustering: ['country'],
      partitionExpirationDays: 90,
      requirePartitionFilter: true,
      labels,
      access: {
        readers: [
          { ref: 'group:default/analysts', email: 'analysts@tunewave.example' },
        ],
        writers: [{ ref: 'user:default/ada', email: 'ada@tunewave.example' }],
      },
    },
  };
}

export const AVRO_V1 = JSON.stringify({
  type: 'record',
  name: 'track_played',
  fields: [{ name: 'event_id', type: 'string' }],
});
export const AVRO_V2 = JSON.stringify({
  type: 'record',
  name: 'track_played',
  fields: [
    { name: 'event_id', type: 'string' },
    { name: 'country', type: ['null', 'string'], default: null },
  ],
});

export function schemaResource(
  definition = AVRO_V2,
): DesiredResourceOf<'pubsub-schema'> {
  return {
    type: 'pubsub-schema',
    id: resourceIds.schema(EVENTS_PROJECT, 'track-played'),
    entityRef: 'dataendpoint:default/track-played-topic',
    owner: 'group:default/playback',
    dependsOn: [],
    spec: {
      project: EVENTS_PROJECT,
      schema: 'track-played',
      definition,
      revision: 2,
    },
  };
}

export function topicResource(): DesiredResourceOf<'pubsub-topic'> {
  return {
    type: 'pubsub-topic',
    id: resourceIds.topic(EVENTS_PROJECT, 'track-played'),
    entityRef: 'dataendpoint:default/track-played-topic',
    owner: 'group:default/playback',
    dependsOn: [resourceIds.schema(EVENTS_PROJECT, 'track-played')],
    spec: {
      project: EVENTS_PROJECT,
      topic: 'track-played',
      messageRetentionDays: 7,
      schema: {
        project: EVENTS_PROJECT,
        schema: 'track-played',
        encoding: 'JSON',
      },
      labels: { ...labels, entity: 'track-played-topic' },
      access: {
        readers: [
          { ref: 'group:default/analysts', email: 'analysts@tunewave.example' },
        ],
        writers: [
          { ref: 'group:default/playback', email: 'playback@tunewave.example' },
        ],
      },
    },
  };
}

export function subscriptionResource(): DesiredResourceOf<'pubsub-subscription'> {
  return {
    type: 'pubsub-subscription',
    id: resourceIds.subscription(EVENTS_PROJECT, 'track-played.royalties'),
    entityRef: 'pipeline:default/royalties',
    owner: 'group:default/royalties',
    dependsOn: [resourceIds.topic(EVENTS_PROJECT, 'track-played')],
    spec: {
      project: EVENTS_PROJECT,
      subscription: 'track-played.royalties',
      topic: 'track-played',
      consumer: 'pipeline:default/royalties',
      labels: { 'managed-by': 'backstage-data-platform', entity: 'royalties' },
      subscribers: [
        { ref: 'group:default/royalties', email: 'royalties@tunewave.example' },
      ],
    },
  };
}

/** The event type as produced: the delivery drops `ip_address` and hashes `user_id`. */
export const trackPlayedEventFields: SchemaField[] = [
  { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'user_id', type: 'STRING', mode: 'REQUIRED', pii: 'pseudonymize' },
  { name: 'ip_address', type: 'STRING', pii: 'drop' },
  { name: 'country', type: 'STRING' },
];

export function deliveryResource(): DesiredResourceOf<'delivery'> {
  return {
    type: 'delivery',
    id: resourceIds.delivery(
      EVENTS_PROJECT,
      'track-played.delivery.track_played',
    ),
    entityRef: 'eventtype:default/track-played',
    owner: 'group:default/playback',
    dependsOn: [
      resourceIds.topic(EVENTS_PROJECT, 'track-played'),
      resourceIds.table(PROJECT, 'events', 'track_played'),
    ],
    spec: {
      project: EVENTS_PROJECT,
      subscription: 'track-played.delivery.track_played',
      topic: 'track-played',
      table: { project: PROJECT, dataset: 'events', table: 'track_played' },
      eventType: 'eventtype:default/track-played',
      revision: 2,
      fields: trackPlayedEventFields,
      anonymization: {
        dropped: ['ip_address'],
        pseudonymized: ['user_id'],
        notApplied: [],
      },
      labels: {
        'managed-by': 'backstage-data-platform',
        entity: 'track-played',
      },
    },
  };
}

/** The table as the provisioner would observe `liveTable()`: no `country`, clustered by event_id, one more label. */
export function observedTrackPlayed(): ObservedResourceOf<'bigquery-table'> {
  const { access: _access, ...spec } = tableResource().spec;
  return {
    type: 'bigquery-table',
    id: resourceIds.table(PROJECT, 'events', 'track_played'),
    spec: {
      ...spec,
      fields: [
        ...trackPlayedFields.filter(f => f.name !== 'country'),
        { name: 'legacy_flag', type: 'BOOL' },
      ],
      policyTags: { user_id: POLICY_TAGS.pseudonymize },
      clustering: ['event_id'],
      labels: { ...spec.labels, 'cost-center': 'music' },
      bindings: {
        'roles/bigquery.dataViewer': ['group:analysts@tunewave.example'],
        'roles/bigquery.dataEditor': ['user:ada@tunewave.example'],
      },
    },
  };
}
