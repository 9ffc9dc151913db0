/*
 * The input of the quality scan benchmark: a plays table of the local
 * warehouse on PostgreSQL (`tunewave-warehouse.listening.plays_hourly`,
 * partitioned by the hour of `hour`, with a `context` RECORD kept as
 * jsonb), one partition of `rows` rows and its two neighbours of a tenth
 * as many each, made by generate_series in the database; and the checks
 * an owner declares on it, every kind that reads rows.
 */
import type {
  QualityCheck,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityTable } from '@dataplatform/backstage-plugin-data-platform-node';
import { LocalWarehouse } from '../src/warehouse/LocalWarehouse';
import { createWarehouseTable } from '../src/warehouse/tableDdl';
import type { WarehouseTable } from '../src/warehouse/types';

export const PARTITION = {
  start: '2026-11-26T09:00:00.000Z',
  end: '2026-11-26T10:00:00.000Z',
};

const ADDRESS = {
  project: 'tunewave-warehouse',
  dataset: 'listening',
  table: 'plays_hourly',
};

const FIELDS: SchemaField[] = [
  { name: 'play_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'hour', type: 'TIMESTAMP', mode: 'REQUIRED' },
  { name: 'user_id', type: 'STRING' },
  { name: 'country', type: 'STRING' },
  { name: 'platform', type: 'STRING' },
  { name: 'ms_played', type: 'INT64' },
  {
    name: 'context',
    type: 'RECORD',
    fields: [
      { name: 'device', type: 'STRING' },
      { name: 'volume', type: 'FLOAT64' },
    ],
  },
];

/** Every check kind that reads rows; freshness, volume anomaly and schema match read metadata. */
export const CHECKS: QualityCheck[] = [
  { type: 'volume', minRows: 1000 },
  { type: 'null_rate', column: 'country', maxNullRate: 0.01 },
  { type: 'null_rate', column: 'context.device', maxNullRate: 0.05 },
  { name: 'one-row-per-play', type: 'uniqueness', column: 'play_id' },
  { type: 'uniqueness', columns: ['user_id', 'hour'] },
  {
    type: 'accepted_values',
    column: 'platform',
    values: ['ios', 'android', 'web'],
  },
  { type: 'range', column: 'ms_played', min: 0, max: 86400000 },
  { type: 'range', column: 'context.volume', min: 0, max: 1 },
  {
    name: 'no-negative-durations',
    type: 'custom_sql',
    sql: 'SELECT play_id FROM `tunewave-warehouse.listening.plays_hourly` WHERE ms_played < 0',
  },
];

export const TABLE: QualityTable = {
  endpointRef: 'dataendpoint:default/plays-hourly',
  address: ADDRESS,
  fields: FIELDS,
  partitioning: { field: 'hour', granularity: 'HOUR' },
};

/**
 * Rows of the hour starting at `start`, numbered from `from`: a play id
 * each (one in 250,000 repeating the one before), 200,000 users, a null
 * country one row in 1,000, a platform outside the accepted three one in
 * 5,000, a negative duration one in 100,000, a null device one in 50.
 */
function insertHour(
  physical: string,
  start: string,
  from: number,
  rows: number,
) {
  return `
    INSERT INTO "${physical}" (play_id, hour, user_id, country, platform, ms_played, context)
    SELECT 'play-' || CASE WHEN g % 250000 = 0 THEN g - 1 ELSE g END,
           timestamptz '${start}' + (g % 3600) * interval '1 second',
           'user-' || (g % 200000),
           CASE WHEN g % 1000 = 0 THEN NULL
                ELSE (ARRAY['SE','US','DE','BR','JP','GB'])[1 + g % 6] END,
           CASE WHEN g % 5000 = 0 THEN 'tv'
                ELSE (ARRAY['ios','android','web'])[1 + g % 3] END,
           CASE WHEN g % 100000 = 0 THEN -1 ELSE (g * 7919) % 600000 END,
           jsonb_build_object(
             'device', CASE WHEN g % 50 = 0 THEN NULL ELSE 'device-' || (g % 40) END,
             'volume', (g % 101) / 100.0)
      FROM generate_series(${from + 1}::bigint, ${from + rows}::bigint) AS g`;
}

/** Creates the table in the warehouse and fills the partition and its neighbours. */
export async function fillPlaysPartition(
  warehouse: LocalWarehouse,
  rows: number,
): Promise<WarehouseTable> {
  const table: WarehouseTable = {
    ...ADDRESS,
    id: `bigquery-table:${ADDRESS.project}.${ADDRESS.dataset}.${ADDRESS.table}`,
    physicalName: warehouse.physicalTableName(ADDRESS),
    fields: FIELDS,
    timePartitioning: { granularity: 'HOUR', field: 'hour' },
    requirePartitionFilter: true,
    clustering: [],
    labels: {},
  };
  await createWarehouseTable(warehouse.knex, warehouse.dialect, table);
  await warehouse.saveTable(warehouse.knex, table);
  const neighbours = Math.round(rows / 10);
  const hourMs = 3_600_000;
  const at = (offset: number) =>
    new Date(Date.parse(PARTITION.start) + offset * hourMs).toISOString();
  await warehouse.knex.raw(
    insertHour(table.physicalName, at(-1), 0, neighbours),
  );
  await warehouse.knex.raw(
    insertHour(table.physicalName, at(0), neighbours, rows),
  );
  await warehouse.knex.raw(
    insertHour(table.physicalName, at(1), neighbours + rows, neighbours),
  );
  await warehouse.knex.raw(`VACUUM ANALYZE "${table.physicalName}"`);
  return table;
}
