import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateClient } from '../../database/migrations';
import { KnownStandings } from './KnownStandings';
import { ProvisioningStore, StoredResource } from './ProvisioningStore';

jest.setTimeout(60_000);

const TABLE = 'bigquery-table:tunewave-raw.events.track_played';
const DATASET = 'bigquery-dataset:tunewave-raw.events';

function row(id: string, updatedAt: number, state = 'in-sync'): StoredResource {
  return {
    id,
    type: id.startsWith('bigquery-table')
      ? 'bigquery-table'
      : 'bigquery-dataset',
    entityRef: 'dataendpoint:default/track-played-raw',
    owner: 'group:default/playback',
    provisioner: 'gcp',
    state: state as StoredResource['state'],
    desired: { id } as any,
    desiredFingerprint: 'f1',
    observedVersion: 'v1',
    updatedAt,
  };
}

describe('KnownStandings', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'reads only rows written since its last read, and everything once a row it knows is gone, %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new ProvisioningStore(db);
      let now = 1_765_000_000_000;
      const known = new KnownStandings(store, () => now, 'instance-a');
      // Written by the reconcile of an hour ago.
      await store.putResources(
        [row(TABLE, now - 3_600_000), row(DATASET, now - 3_600_000)],
        'instance-a',
      );
      expect([...(await known.read()).keys()].sort()).toEqual([DATASET, TABLE]);

      // An hour later: another instance changes the table; this one wrote
      // the dataset itself (it takes in its own writes as it makes them),
      // which then changes without a new time.
      now += 3_600_000;
      await store.putResources([row(TABLE, now, 'pending')], 'instance-b');
      await store.putResources([row(DATASET, now, 'in-sync')], 'instance-a');
      await db('provisioning_resources')
        .where('id', DATASET)
        .update({ state: 'failed' });
      const second = await known.read();
      expect(second.get(TABLE)?.state).toBe('pending');
      expect(second.get(DATASET)?.state).toBe('in-sync'); // not read again

      // Another instance forgets the dataset: the count tells.
      now += 60_000;
      await store.removeResources([DATASET]);
      const third = await known.read();
      expect([...third.keys()]).toEqual([TABLE]);
    },
  );
});
