import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { piiRoutes } from '../routes/piiRoutes';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { DatabaseMirrorState } from '../services/CatalogSync/MirrorState';
import { JobLease } from '../services/JobLease/JobLease';
import { scheduleLeasedJob } from '../services/JobLease/scheduleLeasedJob';
import type { OpenLineageHandlerRegistry } from '../services/OpenLineage/OpenLineageHandlerRegistry';
import {
  DerivedPiiLookup,
  derivedPiiLookup,
} from '../services/PiiPropagation/derivedPiiMarks';
import { PiiCatalogStore } from '../services/PiiPropagation/PiiCatalogStore';
import { PiiCatalogSync } from '../services/PiiPropagation/PiiCatalogSync';
import { PiiEventHandler } from '../services/PiiPropagation/PiiEventHandler';
import { PiiPropagator } from '../services/PiiPropagation/PiiPropagator';
import { PiiQueries } from '../services/PiiPropagation/PiiQueries';
import { PiiResultStore } from '../services/PiiPropagation/PiiResultStore';

/** How often everything is recomputed, whatever the changes said. */
const FULL_RECOMPUTE_MS = 60 * 60_000;

/**
 * Personal data along lineage: the catalog's declared marks (a leased
 * sync), the OpenLineage handler that queues what events write, the
 * propagation (downstream of each change as it commits, and in full
 * hourly, under one lease) and the read routes.
 */
export async function setupPii(deps: {
  db: Knex;
  config: DataPlatformConfig;
  openLineageHandlers: OpenLineageHandlerRegistry;
  auth: AuthService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
}): Promise<{
  propagator: PiiPropagator;
  derivedPii: DerivedPiiLookup;
  router: express.Router;
}> {
  const { db, logger, config } = deps;
  const catalog = new PiiCatalogStore(db);
  const results = new PiiResultStore(db);
  const lease = new JobLease(db, 'pii-propagation', config.leases);
  const propagator = new PiiPropagator({
    db,
    catalog,
    results,
    lease,
    logger,
  });
  deps.openLineageHandlers.addBuiltIn(
    new PiiEventHandler(() => propagator.requestChanges()),
  );

  const sync = new PiiCatalogSync({
    catalog: deps.catalog,
    auth: deps.auth,
    store: catalog,
    logger,
    timing: {
      reconcileIntervalMs: config.lineage.catalogReconcileIntervalMs,
    },
    state: new DatabaseMirrorState(db, 'pii'),
  });
  await scheduleLeasedJob(
    { ...deps, leases: config.leases },
    {
      id: 'data-platform-pii-catalog-sync',
      lease: 'pii-catalog-sync',
      frequencyMs: config.lineage.catalogSyncIntervalMs,
      timeoutMs: 10 * 60_000,
      initialDelayMs: 8_000,
      run: async held => {
        const pass = await sync.run(held.signal);
        if (pass.updated || pass.removed) propagator.requestChanges();
      },
    },
  );
  await scheduleLeasedJob(
    { ...deps, leases: config.leases },
    {
      id: 'data-platform-pii-recompute',
      lease,
      frequencyMs: FULL_RECOMPUTE_MS,
      timeoutMs: 30 * 60_000,
      initialDelayMs: 30_000,
      run: async held => {
        const summary = await propagator.recomputeAll(held.signal);
        logger.info(
          `Personal data recomputed along lineage: ${summary.declaredColumns} declared columns, ${summary.derivedColumns} derived, ${summary.mayContain} datasets that may contain some, ${summary.findings} findings`,
        );
      },
    },
  );

  return {
    propagator,
    derivedPii: derivedPiiLookup(db),
    router: piiRoutes({
      httpAuth: deps.httpAuth,
      queries: new PiiQueries({ db, catalog, results }),
      reads: new CatalogReadAccess(deps),
    }),
  };
}
