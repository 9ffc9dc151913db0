import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { PartitionStore } from './PartitionStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261230_health_open_partitions_index.js';
const HOUR = 3_600_000;
const T = Date.parse('2026-11-26T10:00:00Z');

/** The definition of an index of health_partitions, or undefined. */
async function indexSql(db: Knex, name: string): Promise<string | undefined> {
  if (db.client.config.client === 'pg') {
    const { rows } = await db.raw(
      'select indexdef from pg_indexes where indexname = ?',
      [name],
    );
    return rows[0]?.indexdef;
  }
  const row = await db('sqlite_master').where({ type: 'index', name }).first();
  return row?.sql;
}

const partition = (ref: string, start: number, state: string) => ({
  pipeline_ref: ref,
  partition_start: start,
  period_end: start + HOUR,
  deadline: start + 3 * HOUR,
  state,
  state_since: start + 3 * HOUR,
  attempts: state === 'late' ? 0 : 1,
  updated_at: start + 3 * HOUR,
});

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('indexes the open partitions only, and the old index comes back down', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      while ((await db.migrate.currentVersion({ directory })) >= '20261230') {
        await db.migrate.down({ directory });
      }
      expect(await indexSql(db, 'health_partitions_state_idx')).toBeDefined();
      await db('health_partitions').insert([
        partition('pipeline:default/a', T, 'landed_on_time'),
        partition('pipeline:default/a', T + HOUR, 'late'),
        partition('pipeline:default/b', T, 'failed'),
      ]);

      await db.migrate.up({ directory, name: MIGRATION });
      expect(await indexSql(db, 'health_partitions_state_idx')).toBeUndefined();
      expect(await indexSql(db, 'health_partitions_open_idx')).toMatch(
        /where.*state.*'pending'.*'running'.*'late'.*'failed'/i,
      );
      const open = await new PartitionStore(db).open(T);
      expect(open.map(p => [p.pipelineRef, p.start, p.state]).sort()).toEqual([
        ['pipeline:default/a', T + HOUR, 'late'],
        ['pipeline:default/b', T, 'failed'],
      ]);

      await db.migrate.down({ directory, name: MIGRATION });
      expect(await indexSql(db, 'health_partitions_open_idx')).toBeUndefined();
      expect(await indexSql(db, 'health_partitions_state_idx')).toBeDefined();
      expect(await db('health_partitions')).toHaveLength(3);
    });
  },
);
