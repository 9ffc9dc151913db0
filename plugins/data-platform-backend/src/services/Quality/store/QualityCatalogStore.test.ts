import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateClient } from '../../../database/migrations';
import {
  QualityCatalogStore,
  QualityEndpointRecord,
} from './QualityCatalogStore';

jest.setTimeout(60_000);

function endpoint(
  name: string,
  openLineage?: { namespace: string; name: string },
): QualityEndpointRecord {
  return {
    kind: 'endpoint',
    entityRef: `dataendpoint:default/${name}`,
    etag: '1',
    title: name,
    owner: 'group:default/data',
    type: 'bigquery-table',
    checks: [],
    writers: [],
    consumers: 0,
    ...(openLineage ? { openLineage } : {}),
  };
}

describe('QualityCatalogStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'finds endpoints by the exact OpenLineage namespace and name pairs asked for (%p)',
    async databaseId => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new QualityCatalogStore(db);
      await store.put([
        endpoint('plays', { namespace: 'bigquery', name: 'p.d.plays' }),
        endpoint('plays-copy', { namespace: 'bigquery', name: 'p.d.plays' }),
        // The same name in another namespace, and another name in the asked
        // namespace: the IN lists match them, the answer must not.
        endpoint('plays-gcs', { namespace: 'gs://bucket', name: 'p.d.plays' }),
        endpoint('users', { namespace: 'bigquery', name: 'p.d.users' }),
        endpoint('users-gcs', { namespace: 'gs://bucket', name: 'p.d.users' }),
        endpoint('unnamed'),
      ]);
      // More names than one lookup takes, so pairs span several lookups.
      const asked = [
        { namespace: 'bigquery', name: 'p.d.plays' },
        ...Array.from({ length: 600 }, (_, i) => ({
          namespace: 'bigquery',
          name: `p.d.missing_${i}`,
        })),
        { namespace: 'gs://bucket', name: 'p.d.users' },
      ];

      const found = await store.endpointsNamed(asked);

      expect(
        Object.fromEntries(
          [...found].map(([key, refs]) => [
            key.replace('\u0000', ' '),
            [...refs].sort(),
          ]),
        ),
      ).toEqual({
        'bigquery p.d.plays': [
          'dataendpoint:default/plays',
          'dataendpoint:default/plays-copy',
        ],
        'gs://bucket p.d.users': ['dataendpoint:default/users-gcs'],
      });
    },
  );
});
