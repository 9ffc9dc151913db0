import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261210_provisioning_versions.js';
const BEFORE = [
  '20261126_lineage.js',
  '20261127_openlineage_events.js',
  '20261128_pipeline_health.js',
  '20261129_lineage_version.js',
  '20261130_health_pipelines_name_order.js',
  '20261201_openlineage_payload_lz4.js',
  '20261202_catalog_sync_state.js',
  '20261207_provisioning.js',
  '20261208_quality.js',
  '20261209_health_bad_data.js',
];

const TABLE = 'bigquery-table:tunewave-raw.events.track_played';

const row = (id: string, extra: object = {}) => ({
  id,
  type: 'bigquery-table',
  entity_ref: 'dataendpoint:default/track-played-raw',
  owner: 'group:default/playback',
  provisioner: 'gcp',
  state: 'in-sync',
  desired: '{}',
  desired_fingerprint: 'f1',
  plan: '{"changes":[]}',
  observed_at: 1,
  updated_at: 1,
  ...extra,
});

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('keeps observed versions and provisioners’ observation times, keeps the rows, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      for (const name of BEFORE) await db.migrate.up({ directory, name });
      await db('provisioning_resources').insert(row(TABLE));

      await db.migrate.up({ directory, name: MIGRATION });
      expect(
        await db('provisioning_resources').where('id', TABLE).first(),
      ).toMatchObject({ state: 'in-sync', observed_version: null });
      const version = `-${'9'.repeat(18)}|${'x'.repeat(300)}`;
      await db('provisioning_resources').insert(
        row(`${TABLE}_2`, { observed_version: version }),
      );
      await db('provisioning_observations').insert({
        provisioner: 'gcp',
        observed_at: 2,
      });
      expect(
        await db('provisioning_resources')
          .where('id', `${TABLE}_2`)
          .pluck('observed_version'),
      ).toEqual([version]);

      await db.migrate.down({ directory, name: MIGRATION });
      expect(
        await db.schema.hasColumn('provisioning_resources', 'observed_version'),
      ).toBe(false);
      expect(await db.schema.hasTable('provisioning_observations')).toBe(false);
      expect(
        await db('provisioning_resources').orderBy('id').pluck('id'),
      ).toEqual([TABLE, `${TABLE}_2`]);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'migration %s on 20261212_provisioning_writers.js',
  databaseId => {
    it('records who wrote each row, keeps the rows, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      await db('provisioning_resources').insert(
        row(TABLE, { written_by: 'instance-a' }),
      );

      await db.migrate.down({
        directory,
        name: '20261212_provisioning_writers.js',
      });
      expect(
        await db.schema.hasColumn('provisioning_resources', 'written_by'),
      ).toBe(false);
      expect(await db('provisioning_resources').pluck('id')).toEqual([TABLE]);

      await db.migrate.up({
        directory,
        name: '20261212_provisioning_writers.js',
      });
      expect(await db('provisioning_resources').pluck('written_by')).toEqual([
        null,
      ]);
    });
  },
);
