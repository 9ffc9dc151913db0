/*
 * What the lineage benches share: a generated platform handed to a real
 * backend (catalog + data-platform plugin) on PostgreSQL or SQLite, waited on
 * until the catalog has processed and stitched everything, and the database
 * it runs on, kept between runs with `--keep-database NAME`.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import {
  buildPlatform,
  generatePlatformEntities,
  lineageStats,
  PresetName,
} from '@dataplatform/data-platform-generator';
import { ANNOTATION_CHANGED_AT } from '@dataplatform/backstage-plugin-data-platform-common';
import { Client } from 'pg';
import { dataPlatformPlugin } from '../src/plugin';
import { BenchCatalog, benchCatalogModule } from './benchCatalog';
import { conditionalCatalogReads } from './benchPolicy';
import { flag, waitFor } from './benchSupport';

const LINEAGE_SYNC_TASK = 'data-platform-lineage-catalog-sync';
const LINEAGE_SYNC_LEASE = 'lineage-catalog-sync';

/** The scheduler's row of the lineage sync task: the running pass's start, the last pass's end. */
export type SyncTaskRow = { started: Date | null; ended: Date | null };

export type LineageBench = {
  preset: PresetName;
  platform: ReturnType<typeof buildPlatform>;
  stats: ReturnType<typeof lineageStats>;
  entities: Entity[];
  /** When the backend started (ms since the epoch). */
  started: number;
  base: string;
  authHeader: { authorization: string };
  /** The bench's entity provider, for later changes. */
  catalog: BenchCatalog;
  /** The bench's own client of the backend's database (PostgreSQL only). */
  benchDb?: Client;
  /** The lineage sync task's row as the scheduler has it now (PostgreSQL only). */
  syncTask(): Promise<SyncTaskRow>;
  /** Another scheduled task's row, by id (PostgreSQL only). */
  taskRow(id: string): Promise<SyncTaskRow>;
  /**
   * The plugin's scheduled tasks that ran, or were running, since `since`
   * (PostgreSQL only; empty on SQLite).
   */
  tasksSince(since: Date): Promise<string[]>;
  /** Resolves after `count` whole lineage sync passes that started after the call (PostgreSQL only). */
  syncPasses(count: number): Promise<void>;
  /**
   * VACUUM ANALYZE of the whole database (PostgreSQL only), as autovacuum
   * would have done on a production server after the bulk load.
   */
  analyze(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Reads `--preset`, `--sqlite`, `--keep-database`, `--policy` and
 * `--decision-ttl` and starts the backend.
 * With `--keep-database NAME` the catalog and the lineage index stay in NAME
 * after the run, and a later run with the same name and preset starts from
 * them (the catalog finds every entity unchanged) instead of processing the
 * whole platform again, which takes 20-60 min at the spotify preset.
 */
export async function startLineageBench(options: {
  syncIntervalS: number;
  /**
   * `quiet` moves the plugin's periodic work that is not the lineage
   * index's incremental sync out of the measurements, as the catalog's
   * re-processing is: the health sweep (every minute by default; ~0.6 s of
   * work over 38,000 pipelines) and both catalog mirrors' full reconcile
   * passes (every 10 minutes; the lineage one lists every entity). They run
   * once after start-up, then a day later. `default` keeps the plugin's
   * defaults.
   */
  background?: 'quiet' | 'default';
  /**
   * Entities labelled `restricted`, which `--policy conditional` hides from
   * users (none by default).
   */
  restrict?: (entity: Entity) => boolean;
}): Promise<LineageBench> {
  const preset = flag('preset', 'spotify') as PresetName;
  const useSqlite = process.argv.includes('--sqlite');
  const platform = buildPlatform({ preset, seed: 7 });
  const stats = lineageStats(platform);
  const entities: Entity[] = [...generatePlatformEntities(platform)].map(e =>
    options.restrict?.(e)
      ? {
          ...e,
          metadata: {
            ...e.metadata,
            labels: { ...e.metadata.labels, restricted: 'true' },
          },
        }
      : e,
  );
  console.log(
    `platform ${preset}: ${entities.length} entities, lineage ${stats.nodes} nodes / ${stats.edges} edges`,
  );

  const policy = flag('policy', 'allow');
  if (policy !== 'allow' && policy !== 'conditional') {
    throw new Error('--policy is allow or conditional');
  }
  // How long lineage keeps the catalog's answers under a conditional
  // policy; the plugin's default unless given (0: asked every time).
  const decisionTtl = flag('decision-ttl', '');
  if (decisionTtl && !/^[0-9]+$/.test(decisionTtl)) {
    throw new Error('--decision-ttl takes milliseconds');
  }
  const kept = flag('keep-database', '');
  if (kept && !/^[a-z_][a-z0-9_]*$/.test(kept)) {
    throw new Error('--keep-database takes a lower-case database name');
  }
  const dbName = kept || `dp_bench_lineage_${process.pid}`;
  const admin = new Client({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  if (!useSqlite) {
    await admin.connect();
    const { rowCount } = await admin.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [dbName],
    );
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${dbName}`);
    else console.log(`reusing database ${dbName}`);
  }
  const database = useSqlite
    ? { client: 'better-sqlite3', connection: ':memory:' }
    : {
        client: 'pg',
        connection: {
          host: '127.0.0.1',
          port: 5432,
          user: 'postgres',
          database: dbName,
        },
        pluginDivisionMode: 'schema',
      };

  const started = Date.now();
  const provider = benchCatalogModule(entities);
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      import(
        '@dataplatform/backstage-plugin-catalog-backend-module-data-platform'
      ),
      provider.module,
      dataPlatformPlugin,
      ...(policy === 'conditional' ? [conditionalCatalogReads] : []),
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { database },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Domain',
                  'Group',
                  'User',
                  'EventType',
                  'Pipeline',
                  'DataEndpoint',
                ],
              },
            ],
            // Processed once: a catalog re-processing 112k entities would
            // share the event loop with the bench's measurements.
            processingInterval: { hours: 24 },
          },
          dataPlatform: {
            ...(decisionTtl && {
              readAccess: {
                decisionTtl: { milliseconds: Number(decisionTtl) },
              },
            }),
            lineage: {
              catalogSyncInterval: { seconds: options.syncIntervalS },
              ...(options.background === 'quiet' && {
                catalogReconcileInterval: { hours: 24 },
              }),
            },
            ...(options.background === 'quiet' && {
              health: {
                sweepInterval: 'P1D',
                catalogReconcileInterval: 'P1D',
              },
            }),
          },
        },
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}`;
  // A user's requests, as a browser's are, when the policy is conditional
  // for users; a service's (whole entities, no policy) otherwise.
  const authHeader = {
    authorization:
      policy === 'conditional'
        ? mockCredentials.user.header()
        : mockCredentials.service.header(),
  };

  // The bench's own connection to the backend's database, to watch the
  // catalog's queues and the scheduler's task rows.
  const benchDb = useSqlite
    ? undefined
    : new Client({
        connectionString: `postgresql://postgres@127.0.0.1:5432/${dbName}`,
      });
  await benchDb?.connect();

  // Ready when every pipeline is stitched with its writesTo relations.
  // Meanwhile the tables are analyzed every minute, as autovacuum would
  // while they grow (see analyze below).
  const pipelineTotal = platform.pipelines.length;
  let analyzed = Date.now();
  await waitFor('catalog to process every entity', async () => {
    if (benchDb && Date.now() - analyzed > 60_000) {
      await benchDb.query('ANALYZE');
      analyzed = Date.now();
    }
    // As a service: a user may not read every entity.
    const res = await fetch(
      `${base}/api/catalog/entities/by-query?limit=1&filter=kind=pipeline,relations.writesTo`,
      { headers: { authorization: mockCredentials.service.header() } },
    );
    const body = (await res.json()) as { totalItems: number };
    process.stdout.write(
      `\r  catalog: ${body.totalItems}/${pipelineTotal} pipelines stitched   `,
    );
    return body.totalItems >= pipelineTotal;
  });
  console.log(
    `\ncatalog ready in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );

  // A database kept from before the catalog module stamped its entities
  // (dataplatform.io/changed-at): the catalog processes them again now, as
  // it would after that module is upgraded, instead of in 24 hours.
  if (benchDb) {
    const { rows } = await benchDb.query(
      `SELECT count(*) AS unstamped FROM catalog.final_entities f
        WHERE f.entity_ref ~ '^(eventtype|pipeline|dataendpoint):'
          AND NOT EXISTS (SELECT 1 FROM catalog.search s
                           WHERE s.entity_id = f.entity_id AND s.key = $1)`,
      [`metadata.annotations.${ANNOTATION_CHANGED_AT}`],
    );
    const unstamped = Number(rows[0].unstamped);
    if (unstamped > 0) {
      console.log(
        `${unstamped} entities carry no changed-at stamp yet: processing them again`,
      );
      await benchDb.query(
        `UPDATE catalog.refresh_state SET next_update_at = now()
          WHERE entity_ref ~ '^(eventtype|pipeline|dataendpoint):'`,
      );
    }
  }

  // Quiet when nothing is left to process or stitch: stitching works through
  // a queue after processing, and an entity stitched during the measurements
  // would put the catalog's work, and the lineage sync's, among them.
  if (benchDb) {
    await waitFor('catalog to finish processing and stitching', async () => {
      const { rows } = await benchDb.query(
        `SELECT (SELECT count(*) FROM catalog.stitch_queue) AS stitch,
                (SELECT count(*) FROM catalog.refresh_state
                  WHERE next_update_at <= now()) AS due`,
      );
      process.stdout.write(
        `\r  catalog: ${rows[0].due} to process, ${rows[0].stitch} to stitch   `,
      );
      return Number(rows[0].stitch) + Number(rows[0].due) === 0;
    });
    console.log(
      `\ncatalog quiet in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }

  // Autovacuum may be off (it is on the machines this was written on), and
  // the catalog's tables were then last analyzed empty: with those
  // statistics PostgreSQL plans a cursor page of /entities/by-query as a scan
  // of every matching entity, ~2 s a page at the spotify preset instead of
  // ~20 ms. A production server's autovacuum analyzes after a bulk load.
  const analyze = async () => {
    if (!benchDb) return;
    const begun = Date.now();
    await benchDb.query('VACUUM ANALYZE');
    console.log(
      `VACUUM ANALYZE in ${((Date.now() - begun) / 1000).toFixed(0)} s`,
    );
  };
  if (benchDb) {
    const { rows } = await benchDb.query('SHOW autovacuum');
    console.log(`autovacuum ${rows[0].autovacuum} on this server`);
    await analyze();
  }

  const taskRow = async (id: string): Promise<SyncTaskRow> => {
    if (!benchDb) throw new Error('sync passes are watched on PostgreSQL');
    const { rows } = await benchDb.query(
      `SELECT current_run_started_at AS started, last_run_ended_at AS ended
         FROM "data-platform".backstage_backend_tasks__tasks WHERE id = $1`,
      [id],
    );
    return rows[0] ?? { started: null, ended: null };
  };
  // The lineage sync runs as a leased job: its passes are in job_leases.
  const syncTask = async (): Promise<SyncTaskRow> => {
    if (!benchDb) throw new Error('sync passes are watched on PostgreSQL');
    const { rows } = await benchDb.query(
      `SELECT holder, completed_at FROM "data-platform".job_leases
        WHERE name = $1`,
      [LINEAGE_SYNC_LEASE],
    );
    if (rows.length === 0) return taskRow(LINEAGE_SYNC_TASK);
    const { holder, completed_at: completed } = rows[0];
    return {
      started: holder ? new Date() : null,
      ended: completed ? new Date(Number(completed)) : null,
    };
  };
  const tasksSince = async (since: Date): Promise<string[]> => {
    if (!benchDb) return [];
    const { rows } = await benchDb.query(
      `SELECT id FROM "data-platform".backstage_backend_tasks__tasks
        WHERE last_run_ended_at > $1 OR current_run_started_at IS NOT NULL
       UNION
       SELECT name FROM "data-platform".job_leases
        WHERE completed_at > $2 OR holder IS NOT NULL
       ORDER BY 1`,
      [since, since.getTime()],
    );
    return rows.map(row => row.id);
  };

  return {
    preset,
    platform,
    stats,
    entities,
    started,
    base,
    authHeader,
    catalog: await provider.catalog,
    benchDb,
    analyze,
    syncTask,
    taskRow,
    tasksSince,
    async syncPasses(count) {
      // A pass that ends after one that ended after the call started after
      // the call (the task runs once at a time).
      let after = new Date();
      let passes = 0;
      await waitFor('a lineage sync pass', async () => {
        const { ended } = await syncTask();
        if (ended && ended > after) {
          after = ended;
          passes++;
        }
        return passes > count;
      });
    },
    async stop() {
      await benchDb?.end();
      await backend.stop();
      if (!useSqlite) {
        if (!kept) {
          await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        }
        await admin.end();
      }
    },
  };
}
