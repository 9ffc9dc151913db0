import type {
  DesiredResourceOf,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityTable } from '@dataplatform/backstage-plugin-data-platform-node';
import type { Knex } from 'knex';
import { LocalWarehouseQualityRunner } from '../quality/LocalWarehouseQualityRunner';
import { provisionAll, warehouseIn } from './provision';
import { songSkippedPlatform, warehouseResources } from './songSkippedPlatform';

/** Song Skipped with numbers and a time inside its `context` RECORD, for range checks. */
export function songSkippedWithContextValues() {
  const platform = songSkippedPlatform();
  const context = platform.eventType.spec.schema.fields.find(
    f => f.name === 'context',
  )!;
  context.fields!.push(
    { name: 'volume', type: 'FLOAT64' },
    { name: 'started_at', type: 'TIMESTAMP' },
  );
  return platform;
}

/**
 * Song Skipped's raw table provisioned in a test database (partitioned by
 * `event_time`, or by arrival with `partitioning: 'arrival'`), with the
 * quality runner over it and the table as the quality engine hands it over.
 */
export async function qualityWarehouseIn(
  knex: Knex,
  options: { partitioning?: 'event_time' | 'arrival'; now?: () => number } = {},
) {
  const platform = songSkippedWithContextValues();
  if (options.partitioning === 'arrival') {
    platform.raw.spec.partitioning = { granularity: 'HOUR' };
  }
  const { warehouse, provisioner } = await warehouseIn(knex, options.now);
  const resources = warehouseResources(platform);
  await provisionAll(provisioner, resources);
  const delivery = resources.find(
    r => r.type === 'delivery',
  ) as DesiredResourceOf<'delivery'>;
  const table: QualityTable = {
    endpointRef: 'dataendpoint:default/song-skipped-raw',
    address: {
      project: 'tunewave-raw',
      dataset: 'events',
      table: 'song_skipped',
    },
    fields: platform.eventType.spec.schema.fields as SchemaField[],
    partitioning:
      options.partitioning === 'arrival'
        ? { granularity: 'HOUR' }
        : { field: 'event_time', granularity: 'HOUR' },
  };
  return {
    warehouse,
    runner: new LocalWarehouseQualityRunner(warehouse),
    deliveryId: delivery.id,
    physical: warehouse.physicalTableName(delivery.spec.table),
    table,
  };
}
