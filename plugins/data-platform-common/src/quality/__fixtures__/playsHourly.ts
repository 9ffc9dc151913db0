import type { QualityCheck } from '../../kinds/entities';
import type { SchemaField } from '../../schema/fields';
import type { QualityTarget } from '../types';

/** The declared schema of `tunewave-warehouse.listening.plays_hourly`. */
export const playsHourlyFields: SchemaField[] = [
  { name: 'play_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'hour', type: 'TIMESTAMP', mode: 'REQUIRED' },
  { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
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

/** Its checks: every kind, as an owner would declare them. */
export const playsHourlyChecks: QualityCheck[] = [
  { name: 'landed-within-2h', type: 'freshness', maxDelay: 'PT2H' },
  { type: 'volume', minRows: 1000 },
  { type: 'volume_anomaly' },
  { type: 'null_rate', column: 'country', maxNullRate: 0.01 },
  { type: 'null_rate', column: 'context.device', maxNullRate: 0.05 },
  {
    name: 'one-row-per-play',
    type: 'uniqueness',
    column: 'play_id',
    severity: 'critical',
  },
  { type: 'uniqueness', columns: ['user_id', 'hour'] },
  {
    type: 'accepted_values',
    column: 'platform',
    values: ['ios', 'android', 'web'],
  },
  { type: 'range', column: 'ms_played', min: 0, max: 86400000 },
  { type: 'range', column: 'context.volume', min: 0, max: 1 },
  { type: 'schema_match', severity: 'info' },
  {
    name: 'no-negative-durations',
    type: 'custom_sql',
    sql: 'SELECT play_id FROM `tunewave-warehouse.listening.plays_hourly` WHERE ms_played < 0',
  },
];

/** The table as a runner of each warehouse addresses it. */
export function playsHourlyTarget(physicalTable: string): QualityTarget {
  return {
    physicalTable,
    address: {
      project: 'tunewave-warehouse',
      dataset: 'listening',
      table: 'plays_hourly',
    },
    partitioning: { column: 'hour', granularity: 'HOUR' },
    fields: playsHourlyFields,
  };
}
