import {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { pipelineHealthPermissions } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { healthRoutes } from '../routes/healthRoutes';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { DatabaseMirrorState } from '../services/CatalogSync/MirrorState';
import { AlertActions } from '../services/Health/alerts/AlertActions';
import { PipelineCatalogSync } from '../services/Health/catalog/PipelineCatalogSync';
import { DemoFeeder } from '../services/Health/demo/DemoFeeder';
import { EndpointFreshnessQuery } from '../services/Health/queries/EndpointFreshnessQuery';
import { OnCallQuery } from '../services/Health/queries/OnCallQuery';
import { PipelineHealthQuery } from '../services/Health/queries/PipelineHealthQuery';
import { AlertStore } from '../services/Health/store/AlertStore';
import { PipelineStore } from '../services/Health/store/PipelineStore';
import { RunStore } from '../services/Health/store/RunStore';
import { HealthSweep } from '../services/Health/sweep/HealthSweep';
import { scheduleLeasedJob } from '../services/JobLease/scheduleLeasedJob';
import type { OpenLineageIngestor } from '../services/OpenLineage/OpenLineageIngestor';
import { QualityCatalogStore } from '../services/Quality/store/QualityCatalogStore';

/**
 * Pipeline health: the catalog sync of pipelines and the sweep (global
 * tasks), the demo feeder in dev, its permissions and its routes. Runs are
 * recorded by the RunRecorder among the OpenLineage handlers (see
 * setupOpenLineage); the demo feeder sends its events through the ingestor.
 */
export async function setupPipelineHealth(deps: {
  db: Knex;
  config: DataPlatformConfig;
  logger: LoggerService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  userInfo: UserInfoService;
  notifications: NotificationService;
  ingestor: OpenLineageIngestor;
}): Promise<{ router: express.Router }> {
  const { db, logger, scheduler } = deps;
  const { health: settings, defaultJobNamespace } = deps.config;
  const pipelines = new PipelineStore(db);
  const alerts = new AlertStore(db);

  const sync = new PipelineCatalogSync({
    catalog: deps.catalog,
    auth: deps.auth,
    pipelines,
    runs: new RunStore(db),
    logger,
    defaultJobNamespace,
    timing: { reconcileIntervalMs: settings.catalogReconcileIntervalMs },
    state: new DatabaseMirrorState(db, 'health'),
  });
  const jobs = { db, scheduler, logger, leases: deps.config.leases };
  await scheduleLeasedJob(jobs, {
    id: 'data-platform-health-catalog-sync',
    lease: 'health-catalog-sync',
    frequencyMs: settings.catalogSyncIntervalMs,
    timeoutMs: 10 * 60_000,
    initialDelayMs: 5_000,
    run: async lease => {
      await sync.run(lease.signal);
    },
  });

  const sweep = new HealthSweep(
    db,
    settings,
    deps.notifications,
    deps.config.leases,
  );
  await scheduleLeasedJob(jobs, {
    id: 'data-platform-health-sweep',
    lease: sweep.lease,
    frequencyMs: settings.sweepIntervalMs,
    timeoutMs: settings.sweepTimeoutMs,
    initialDelayMs: 15_000,
    run: async lease => {
      const result = await sweep.runHeld(lease);
      if (
        !result.skipped &&
        (result.alertsChanged || result.notifications.sent)
      ) {
        logger.info(
          `Health sweep: ${result.pipelines} pipelines, ${result.problems} problems, ${result.alertsChanged} alert changes, ${result.notifications.sent} notifications in ${result.durationMs} ms`,
        );
      }
    },
  });

  if (settings.demoFeeder.enabled) {
    const feeder = new DemoFeeder({
      catalog: deps.catalog,
      auth: deps.auth,
      ingestor: deps.ingestor,
      logger,
      settings: settings.demoFeeder,
      defaultSla: settings.defaultSla,
      defaultJobNamespace,
    });
    await scheduler.scheduleTask({
      id: 'data-platform-health-demo-feeder',
      scope: 'global',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
      fn: async () => {
        await feeder.tick();
      },
    });
    logger.info(
      'Pipeline-health demo feeder is on: it sends made-up run events',
    );
  }

  deps.permissionsRegistry.addPermissions(pipelineHealthPermissions);
  const reads = new CatalogReadAccess({
    ...deps,
    decisionTtlMs: deps.config.readAccess.decisionTtlMs,
  });
  return {
    router: healthRoutes({
      httpAuth: deps.httpAuth,
      reads,
      onCall: new OnCallQuery(db),
      pipelineHealth: new PipelineHealthQuery(db, settings),
      endpointFreshness: new EndpointFreshnessQuery(db),
      actions: new AlertActions({
        alerts,
        pipelines,
        endpoints: new QualityCatalogStore(db),
        permissions: deps.permissions,
        userInfo: deps.userInfo,
        reads,
      }),
    }),
  };
}
