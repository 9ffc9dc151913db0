import {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { lineageRoutes } from '../routes/lineageRoutes';
import { CatalogLineageSync } from '../services/CatalogSync/CatalogLineageSync';
import { DatabaseMirrorState } from '../services/CatalogSync/MirrorState';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { DatabaseLineageStore } from '../services/LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../services/LineageIndex/LineageQueries';
import { JobRunsQuery } from '../services/Health/queries/JobRunsQuery';
import { scheduleLeasedJob } from '../services/JobLease/scheduleLeasedJob';

/**
 * The lineage index: its store, its sync with the catalog (a leased job)
 * and its read routes, which show callers only what the catalog shows them.
 */
export async function setupLineage(deps: {
  db: Knex;
  config: DataPlatformConfig;
  auth: AuthService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
}): Promise<{
  store: DatabaseLineageStore;
  queries: LineageQueries;
  router: express.Router;
}> {
  const { db, config } = deps;
  const store = new DatabaseLineageStore(db);
  const sync = new CatalogLineageSync({
    catalog: deps.catalog,
    auth: deps.auth,
    store,
    logger: deps.logger,
    defaultJobNamespace: config.defaultJobNamespace,
    timing: {
      reconcileIntervalMs: config.lineage.catalogReconcileIntervalMs,
    },
    state: new DatabaseMirrorState(db, 'lineage'),
  });
  await scheduleLeasedJob(
    { ...deps, leases: config.leases },
    {
      id: 'data-platform-lineage-catalog-sync',
      lease: 'lineage-catalog-sync',
      frequencyMs: config.lineage.catalogSyncIntervalMs,
      timeoutMs: 10 * 60_000,
      initialDelayMs: 5_000,
      run: async lease => {
        await sync.run(lease.signal);
      },
    },
  );

  const queries = new LineageQueries(db, {
    minReloadIntervalMs: 1000,
    checkIntervalMs: 250,
    reloadInBackground: true,
  });
  return {
    store,
    queries,
    router: lineageRoutes({
      httpAuth: deps.httpAuth,
      queries,
      access: new CatalogReadAccess({
        ...deps,
        decisionTtlMs: deps.config.readAccess.decisionTtlMs,
      }),
      jobRuns: new JobRunsQuery(db),
    }),
  };
}
