import { Knex } from 'knex';
import { migrateClient } from '../../../database/migrations';
import { DatabaseLineageStore } from '../DatabaseLineageStore';
import { LineageQueries } from '../LineageQueries';
import type { LineageEntityRecord } from '../types';

/** A BigQuery table of the test platform, as OpenLineage names it. */
export const bq = (table: string) => ({
  namespace: 'bigquery',
  name: `acme-data.music.${table}`,
});

/** A BigQuery endpoint, fed by `eventType` when given. */
export function endpoint(
  name: string,
  eventType?: string,
): LineageEntityRecord {
  return {
    entityRef: `dataendpoint:default/${name}`,
    etag: `etag-${name}`,
    kind: 'DataEndpoint',
    title: name,
    owner: 'group:default/listening',
    openLineage: bq(name.replace(/-/g, '_')),
    declaredEdges: eventType
      ? [
          {
            from: `eventtype:default/${eventType}`,
            to: `dataendpoint:default/${name}`,
          },
        ]
      : [],
  };
}

/** A pipeline declaring the endpoints it reads and writes. */
export function pipeline(
  name: string,
  inputs: string[],
  outputs: string[],
): LineageEntityRecord {
  const self = `pipeline:default/${name}`;
  return {
    entityRef: self,
    etag: `etag-${name}`,
    kind: 'Pipeline',
    title: name,
    owner: 'group:default/insights',
    openLineage: { namespace: 'airflow', name },
    declaredEdges: [
      ...inputs.map(i => ({ from: `dataendpoint:default/${i}`, to: self })),
      ...outputs.map(o => ({ from: self, to: `dataendpoint:default/${o}` })),
    ],
  };
}

/** Track Played -> plays-raw -> clean-plays -> plays-clean (+ tracks) -> aggregate-plays -> plays-daily. */
export const platform: LineageEntityRecord[] = [
  {
    entityRef: 'eventtype:default/track-played',
    etag: 'e1',
    kind: 'EventType',
    title: 'Track Played',
    declaredEdges: [
      {
        from: 'component:default/player',
        to: 'eventtype:default/track-played',
      },
    ],
  },
  endpoint('plays-raw', 'track-played'),
  endpoint('plays-clean'),
  endpoint('tracks'),
  endpoint('plays-daily'),
  pipeline('clean-plays', ['plays-raw'], ['plays-clean']),
  pipeline('aggregate-plays', ['plays-clean', 'tracks'], ['plays-daily']),
];

/** A migrated database with the test platform indexed, its store and queries. */
export async function indexedPlatform(db: Knex) {
  await migrateClient(db);
  const store = new DatabaseLineageStore(db);
  await store.upsertEntities(
    platform.map(r => ({ ...r, declaredEdges: [...r.declaredEdges] })),
  );
  return { db, store, queries: new LineageQueries(db) };
}
