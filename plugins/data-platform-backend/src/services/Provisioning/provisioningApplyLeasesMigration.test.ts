import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261215_provisioning_apply_leases.js';
const TABLE = 'bigquery-table:tunewave-raw.events.track_played';
const leaseName = (resourceId: string) =>
  `apply:${createHash('sha256').update(resourceId).digest('base64url')}`;

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('keeps an apply running in the previous release leased, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      await db.migrate.down({ directory, name: MIGRATION });
      const until = Date.now() + 3_600_000;
      await db('provisioning_leases').insert([
        { resource_id: TABLE, holder: 'an instance', lease_until: until },
        { resource_id: `${TABLE}_done`, holder: null, lease_until: 0 },
      ]);
      await db('job_leases').insert({ name: 'health-sweep', due_at: 5 });

      await db.migrate.up({ directory, name: MIGRATION });
      expect(await db.schema.hasTable('provisioning_leases')).toBe(false);
      const rows = await db('job_leases').orderBy('name');
      expect(rows.map(r => r.name)).toEqual([leaseName(TABLE), 'health-sweep']);
      expect(rows[0].holder).toBe('an instance');
      expect(Number(rows[0].expires_at)).toBe(until);

      await db.migrate.down({ directory, name: MIGRATION });
      expect(await db('provisioning_leases').select()).toEqual([]);
      expect((await db('job_leases').select()).map(r => r.name)).toEqual([
        'health-sweep',
      ]);
    });
  },
);
