import { PROJECT, POLICY_TAGS } from './platform';
import { queryAnswer } from './googleApis';

export const TABLE_COLUMNS = [
  { name: 'dataset_id', type: 'STRING' },
  { name: 'table_id', type: 'STRING' },
  { name: 'table_type', type: 'STRING' },
  { name: 'partition_by', type: 'STRING' },
  { name: 'description', type: 'STRING' },
  { name: 'labels', type: 'STRING' },
  { name: 'partition_expiration_days', type: 'STRING' },
  { name: 'require_partition_filter', type: 'STRING' },
];

export const FIELD_COLUMNS = [
  { name: 'dataset_id', type: 'STRING' },
  { name: 'table_id', type: 'STRING' },
  { name: 'column_name', type: 'STRING' },
  { name: 'field_path', type: 'STRING' },
  { name: 'data_type', type: 'STRING' },
  { name: 'description', type: 'STRING' },
  { name: 'policy_tags', type: 'STRING', mode: 'REPEATED' },
  { name: 'ordinal_position', type: 'INTEGER' },
  { name: 'is_nullable', type: 'STRING' },
  { name: 'is_partitioning_column', type: 'STRING' },
  { name: 'clustering_ordinal_position', type: 'INTEGER' },
];

/** INFORMATION_SCHEMA.TABLES + TABLE_OPTIONS as BigQuery shows track_played. */
export function tableRow(table = 'track_played') {
  return {
    dataset_id: 'events',
    table_id: table,
    table_type: 'BASE TABLE',
    partition_by: 'TIMESTAMP_TRUNC(event_time, HOUR)',
    description: '"Every track played, as delivered"',
    labels:
      '[STRUCT("managed-by", "backstage-data-platform"), STRUCT("entity", "track-played-raw"), STRUCT("owner", "playback"), STRUCT("system", "playback")]',
    partition_expiration_days: '90.0',
    require_partition_filter: 'true',
  };
}

/** COLUMN_FIELD_PATHS joined with COLUMNS for track_played, nested paths included. */
export function fieldRows(table = 'track_played') {
  const top = (
    column: string,
    dataType: string,
    position: number,
    extra: Record<string, unknown> = {},
  ) => ({
    dataset_id: 'events',
    table_id: table,
    column_name: column,
    field_path: column,
    data_type: dataType,
    description: null,
    policy_tags: [],
    ordinal_position: position,
    is_nullable: 'YES',
    is_partitioning_column: 'NO',
    clustering_ordinal_position: null,
    ...extra,
  });
  const nested = (column: string, path: string, dataType: string) => ({
    dataset_id: 'events',
    table_id: table,
    column_name: column,
    field_path: path,
    data_type: dataType,
    description: null,
    policy_tags: [],
    ordinal_position: null,
    is_nullable: null,
    is_partitioning_column: null,
    clustering_ordinal_position: null,
  });
  return [
    top('event_id', 'STRING', 1, { is_nullable: 'NO' }),
    top('event_time', 'TIMESTAMP', 2, {
      is_nullable: 'NO',
      is_partitioning_column: 'YES',
    }),
    top('user_id', 'STRING', 3, {
      is_nullable: 'NO',
      description: 'Who played it',
      policy_tags: [POLICY_TAGS.pseudonymize],
    }),
    top('ms_played', 'INT64', 4),
    top('context', 'STRUCT<device STRUCT<os STRING>>', 5),
    nested('context', 'context.device', 'STRUCT<os STRING>'),
    nested('context', 'context.device.os', 'STRING'),
    top('tracks', 'ARRAY<STRUCT<track_id STRING NOT NULL, position INT64>>', 6),
    nested('tracks', 'tracks.track_id', 'STRING'),
    nested('tracks', 'tracks.position', 'INT64'),
    top('country', 'STRING', 7, { clustering_ordinal_position: 1 }),
  ];
}

export const tablesAnswer = (rows: Record<string, unknown>[]) =>
  queryAnswer(PROJECT, 'EU', TABLE_COLUMNS, rows);
export const fieldsAnswer = (rows: Record<string, unknown>[]) =>
  queryAnswer(PROJECT, 'EU', FIELD_COLUMNS, rows);

/** datasets.list of the raw project. */
export function datasetsAnswer(datasets: string[]) {
  return {
    kind: 'bigquery#datasetList',
    etag: 'g2iDJYuFzXx6ZvOWZ1wxFg==',
    datasets: datasets.map(dataset => ({
      kind: 'bigquery#dataset',
      id: `${PROJECT}:${dataset}`,
      datasetReference: { datasetId: dataset, projectId: PROJECT },
      labels: { 'managed-by': 'backstage-data-platform' },
      location: 'EU',
    })),
  };
}

/** tables.get of track_played as BigQuery answers it (legacy type names), before `country` was added. */
export function liveTable(etag = 'etag-1') {
  return {
    kind: 'bigquery#table',
    etag,
    id: `${PROJECT}:events.track_played`,
    selfLink: `https://bigquery.googleapis.com/bigquery/v2/projects/${PROJECT}/datasets/events/tables/track_played`,
    tableReference: {
      projectId: PROJECT,
      datasetId: 'events',
      tableId: 'track_played',
    },
    description: 'Every track played, as delivered',
    labels: {
      'managed-by': 'backstage-data-platform',
      entity: 'track-played-raw',
      owner: 'playback',
      system: 'playback',
      'cost-center': 'music',
    },
    schema: {
      fields: [
        { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
        { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
        {
          name: 'user_id',
          type: 'STRING',
          mode: 'REQUIRED',
          description: 'Who played it',
          policyTags: { names: [POLICY_TAGS.pseudonymize] },
        },
        { name: 'ms_played', type: 'INTEGER', mode: 'NULLABLE' },
        {
          name: 'context',
          type: 'RECORD',
          mode: 'NULLABLE',
          fields: [
            {
              name: 'device',
              type: 'RECORD',
              mode: 'NULLABLE',
              fields: [{ name: 'os', type: 'STRING', mode: 'NULLABLE' }],
            },
          ],
        },
        {
          name: 'tracks',
          type: 'RECORD',
          mode: 'REPEATED',
          fields: [
            { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'position', type: 'INTEGER', mode: 'NULLABLE' },
          ],
        },
        { name: 'legacy_flag', type: 'BOOLEAN', mode: 'NULLABLE' },
      ],
    },
    timePartitioning: {
      type: 'HOUR',
      field: 'event_time',
      expirationMs: '7776000000',
    },
    requirePartitionFilter: true,
    clustering: { fields: ['event_id'] },
    creationTime: '1733000000000',
    lastModifiedTime: '1733000000000',
    type: 'TABLE',
    location: 'EU',
  };
}
