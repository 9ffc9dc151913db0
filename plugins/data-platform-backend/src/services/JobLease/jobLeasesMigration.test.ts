import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const LEASES = '20261214_job_leases.js';

describe.each(databases.eachSupportedId())(
  `migration %s on ${LEASES}`,
  databaseId => {
    it('keeps the last completed sweep in the job leases and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      await db.migrate.down({ directory, name: LEASES });
      await db('health_sweep_lease').insert({
        name: 'health-sweep',
        holder: 'an instance of the previous release',
        lease_until: 1,
        last_swept_at: 1_765_000_000_000,
      });

      await db.migrate.up({ directory, name: LEASES });
      expect(await db.schema.hasTable('health_sweep_lease')).toBe(false);
      expect(await db('job_leases').select()).toEqual([
        expect.objectContaining({ name: 'health-sweep', holder: null }),
      ]);
      const [row] = await db('job_leases').select();
      expect(Number(row.completed_at)).toBe(1_765_000_000_000);
      expect(Number(row.due_at)).toBe(0);

      await db.migrate.down({ directory, name: LEASES });
      expect(await db.schema.hasTable('job_leases')).toBe(false);
      const [restored] = await db('health_sweep_lease').select();
      expect(Number(restored.last_swept_at)).toBe(1_765_000_000_000);
    });
  },
);
