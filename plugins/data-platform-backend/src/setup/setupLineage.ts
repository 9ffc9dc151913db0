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
import { CatalogReadAccess } from '../services/LineageIndex/CatalogReadAccess';
import { DatabaseLineageStore } from '../services/LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../services/LineageIndex/LineageQueries';
import { JobRunsQuery } from '../services/Health/queries/JobRunsQuery';

/**
 * The lineage index: its store, its sync with the catalog (a global task)
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
}): Promise<{ store: DatabaseLineageStore; router: express.Router }> {
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
  await deps.scheduler.scheduleTask({
    id: 'data-platform-lineage-catalog-sync',
    scope: 'global',
    frequency: { milliseconds: config.lineage.catalogSyncIntervalMs },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await sync.run();
    },
  });

  const queries = new LineageQueries(db, {
    minReloadIntervalMs: 1000,
    checkIntervalMs: 250,
    reloadInBackground: true,
  });
  return {
    store,
    router: lineageRoutes({
      httpAuth: deps.httpAuth,
      queries,
      access: new CatalogReadAccess(deps),
      jobRuns: new JobRunsQuery(db),
    }),
  };
}
