import { Knex } from 'knex';
import { migrateClient } from '../../../database/migrations';
import { DatabaseLineageStore } from '../../LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../../LineageIndex/LineageQueries';
import type { LineageEntityRecord } from '../../LineageIndex/types';
import { bigquery } from '../__fixtures__/events';
import { ObservedLineageHandler } from '../ObservedLineageHandler';
import { OpenLineageIngestor } from '../OpenLineageIngestor';
import { OpenLineageValidator } from '../OpenLineageValidator';
import type { OpenLineageEventHandler } from '@dataplatform/backstage-plugin-data-platform-node';

export const validator = OpenLineageValidator.fromPackage();

/** The run the tests' events belong to. */
export const RUN = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e';
const job = { namespace: 'airflow', name: 'plays-daily-aggregate' };

/** The catalog side: two endpoints and the pipeline between them. */
const catalog: LineageEntityRecord[] = [
  {
    entityRef: 'dataendpoint:default/plays-hourly',
    etag: '1',
    kind: 'DataEndpoint',
    title: 'plays-hourly',
    openLineage: bigquery('plays_hourly'),
    declaredEdges: [],
  },
  {
    entityRef: 'dataendpoint:default/plays-daily-by-track',
    etag: '1',
    kind: 'DataEndpoint',
    title: 'plays-daily-by-track',
    openLineage: bigquery('plays_daily_by_track'),
    declaredEdges: [],
  },
  {
    entityRef: 'pipeline:default/plays-daily-aggregate',
    etag: '1',
    kind: 'Pipeline',
    title: 'plays-daily-aggregate',
    openLineage: job,
    declaredEdges: [
      {
        from: 'dataendpoint:default/plays-hourly',
        to: 'pipeline:default/plays-daily-aggregate',
      },
    ],
  },
];

export type IngestionTestbedOptions = {
  /** Handlers after the lineage one. */
  handlers?: OpenLineageEventHandler[];
  now?: () => number;
};

/**
 * A migrated database with the catalog side indexed, and an ingestor whose
 * lineage handler writes lastSeenAt exactly (every event writes its edges).
 */
export async function ingestionTestbed(
  database: Promise<Knex>,
  options: IngestionTestbedOptions = {},
) {
  const db = await database;
  await migrateClient(db);
  const store = new DatabaseLineageStore(db);
  await store.upsertEntities(structuredClone(catalog));
  const ingestor = new OpenLineageIngestor({
    db,
    validator,
    handlers: [
      new ObservedLineageHandler(store, { resolutionMs: 0 }),
      ...(options.handlers ?? []),
    ],
    now: options.now,
  });
  return { db, store, ingestor, queries: new LineageQueries(db) };
}
