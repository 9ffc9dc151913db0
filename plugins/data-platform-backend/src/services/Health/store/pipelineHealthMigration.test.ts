import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { healthPipelineRow } from '../__testUtils__/healthPipelineRow';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const BEFORE = ['20261126_lineage.js', '20261127_openlineage_events.js'];
const HEALTH = '20261128_pipeline_health.js';
const HEALTH_TABLES = [
  'health_pipelines',
  'health_runs',
  'health_partitions',
  'health_alerts',
  'health_alert_events',
  'health_notifications_sent',
  'health_sweep_lease',
];

describe.each(databases.eachSupportedId())(
  `migration %s on ${HEALTH}`,
  databaseId => {
    it('adds the health tables beside existing data, keeps one live alert per pipeline and problem, and goes down cleanly', async () => {
      const db = await databases.init(databaseId);
      for (const name of BEFORE) await db.migrate.up({ directory, name });
      await db('lineage_nodes').insert({
        kind: 'Pipeline',
        title: 'plays',
        entity_ref: 'pipeline:default/plays-hourly-clean',
        search_text: 'plays',
      });

      await db.migrate.up({ directory, name: HEALTH });
      await db('health_pipelines').insert(
        healthPipelineRow('plays-hourly-clean', 'Clean plays, hourly'),
      );
      await db('health_runs').insert({
        run_id: '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e',
        job_namespace: 'airflow',
        job_name: 'plays-hourly-clean',
        state: 'COMPLETE',
        first_event_at: Date.parse('2026-11-26T10:05:00Z'),
        last_event_at: Date.parse('2026-11-26T10:15:00Z'),
      });
      const alert = (id: string, openKey: string | null) => ({
        id,
        pipeline_ref: 'pipeline:default/plays-hourly-clean',
        problem: 'late',
        open_key: openKey,
        severity: 'high',
        state: openKey ? 'open' : 'resolved',
        opened_at: 1,
        updated_at: 1,
      });
      await db('health_alerts').insert([
        alert('a1', 'pipeline:default/plays-hourly-clean|late'),
        alert('a2', null),
        alert('a3', null),
      ]);
      const second = await db('health_alerts')
        .insert(alert('a4', 'pipeline:default/plays-hourly-clean|late'))
        .then(
          () => 'inserted',
          (e: Error) => e.message,
        );
      expect(second).toMatch(/unique|UNIQUE|duplicate/);
      await db('health_alert_events').insert({
        alert_id: 'a1',
        at: 1,
        action: 'opened',
        by: 'system',
      });

      const [pipeline] = await db('health_pipelines');
      expect(pipeline).toMatchObject({
        status_state: 'healthy',
        timezone: null,
      });
      expect(Number(pipeline.status_problem)).toBe(0);
      const [run] = await db('health_runs');
      expect(Number(run.dirty)).toBe(1);
      expect(Number(run.version)).toBe(1);

      await db.migrate.down({ directory, name: HEALTH });
      for (const table of HEALTH_TABLES) {
        expect(await db.schema.hasTable(table)).toBe(false);
      }
      expect(await db('lineage_nodes').select('entity_ref')).toEqual([
        { entity_ref: 'pipeline:default/plays-hourly-clean' },
      ]);

      await db.migrate.up({ directory, name: HEALTH });
      const [{ n }] = await db('health_alerts').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });
  },
);
