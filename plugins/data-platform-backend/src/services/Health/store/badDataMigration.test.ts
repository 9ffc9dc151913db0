import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { healthPipelineRow } from '../__testUtils__/healthPipelineRow';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261209_health_bad_data.js';
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
];

const PIPELINE = 'pipeline:default/plays-hourly-clean';

async function indexesOf(db: Knex, table: string): Promise<string[]> {
  return db.client.config.client === 'pg'
    ? db('pg_indexes').where('tablename', table).pluck('indexname')
    : (await db.raw(`PRAGMA index_list('${table}')`)).map(
        (row: { name: string }) => row.name,
      );
}

describe.each(databases.eachSupportedId())(
  `migration %s on ${MIGRATION}`,
  databaseId => {
    it('adds alert details and the failing-results index, keeps the rows, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      for (const name of BEFORE) await db.migrate.up({ directory, name });
      await db('health_pipelines').insert(
        healthPipelineRow('plays-hourly-clean', 'Clean plays, hourly'),
      );
      await db('health_alerts').insert({
        id: 'a1',
        pipeline_ref: PIPELINE,
        problem: 'late',
        open_key: `${PIPELINE}|late`,
        severity: 'high',
        state: 'open',
        opened_at: 1,
        updated_at: 1,
      });
      await db('health_alert_events').insert({
        alert_id: 'a1',
        at: 1,
        action: 'opened',
        by: 'system',
      });
      await db('quality_results').insert({
        endpoint_ref: 'dataendpoint:default/plays-hourly-clean-out',
        check_name: 'null_rate:user_id',
        partition_start: Date.parse('2026-12-09T09:00:00Z'),
        source: 'local-warehouse',
        check_type: 'null_rate',
        severity: 'critical',
        status: 'fail',
        metric: 'null_rate',
        message: 'null rate of user_id 4.1% > 1%',
        evaluated_at: 2,
      });

      await db.migrate.up({ directory, name: MIGRATION });
      expect(await indexesOf(db, 'quality_results')).toContain(
        'quality_results_failing_idx',
      );
      await db('health_alerts').insert({
        id: 'a2',
        pipeline_ref: PIPELINE,
        problem: 'bad_data',
        partition_start: Date.parse('2026-12-09T09:00:00Z'),
        open_key: `${PIPELINE}|bad_data|${Date.parse('2026-12-09T09:00:00Z')}`,
        severity: 'high',
        state: 'open',
        opened_at: 3,
        updated_at: 3,
        details: JSON.stringify({ checks: [{ check: 'null_rate:user_id' }] }),
      });
      const alerts = await db('health_alerts')
        .orderBy('id')
        .select('id', 'problem', 'details');
      expect(alerts).toEqual([
        { id: 'a1', problem: 'late', details: null },
        {
          id: 'a2',
          problem: 'bad_data',
          details: '{"checks":[{"check":"null_rate:user_id"}]}',
        },
      ]);
      const failing = await db('quality_results')
        .where({ status: 'fail', severity: 'critical' })
        .pluck('check_name');
      expect(failing).toEqual(['null_rate:user_id']);

      await db.migrate.down({ directory, name: MIGRATION });
      expect(await db.schema.hasColumn('health_alerts', 'details')).toBe(false);
      expect(await indexesOf(db, 'quality_results')).not.toContain(
        'quality_results_failing_idx',
      );
      expect(await db('health_alerts').orderBy('id').pluck('id')).toEqual([
        'a1',
        'a2',
      ]);
      expect(await db('health_alert_events').pluck('alert_id')).toEqual(['a1']);
      expect(await db('quality_results').pluck('check_name')).toEqual([
        'null_rate:user_id',
      ]);
      // The live-alert slot survives the rebuilt table.
      const again = await db('health_alerts')
        .insert({
          id: 'a3',
          pipeline_ref: PIPELINE,
          problem: 'late',
          open_key: `${PIPELINE}|late`,
          severity: 'high',
          state: 'open',
          opened_at: 4,
          updated_at: 4,
        })
        .then(
          () => 'inserted',
          (e: Error) => e.message,
        );
      expect(again).toMatch(/unique|UNIQUE|duplicate/);
    });
  },
);
