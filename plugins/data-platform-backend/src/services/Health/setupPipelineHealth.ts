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
import { healthRoutes } from '../../routes/healthRoutes';
import type { OpenLineageIngestor } from '../OpenLineage/OpenLineageIngestor';
import { AlertActions } from './alerts/AlertActions';
import { PipelineCatalogSync } from './catalog/PipelineCatalogSync';
import { DemoFeeder } from './demo/DemoFeeder';
import type { HealthSettings } from './healthSettings';
import { EndpointFreshnessQuery } from './queries/EndpointFreshnessQuery';
import { OnCallQuery } from './queries/OnCallQuery';
import { PipelineHealthQuery } from './queries/PipelineHealthQuery';
import { AlertStore } from './store/AlertStore';
import { PipelineStore } from './store/PipelineStore';
import { RunStore } from './store/RunStore';
import { HealthSweep } from './sweep/HealthSweep';
import { DatabaseMirrorState } from '../CatalogSync/MirrorState';

/**
 * Pipeline health's wiring: the catalog sync of pipelines, the global sweep
 * (every minute), the demo feeder in dev, its permission and its routes.
 * Runs are recorded by the RunRecorder among the OpenLineage handlers.
 */
export async function setupPipelineHealth(deps: {
  db: Knex;
  settings: HealthSettings;
  defaultJobNamespace: string;
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
}): Promise<express.Router> {
  const { db, settings, defaultJobNamespace, logger, scheduler } = deps;
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
  await scheduler.scheduleTask({
    id: 'data-platform-health-catalog-sync',
    scope: 'global',
    frequency: { milliseconds: settings.catalogSyncIntervalMs },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await sync.run();
    },
  });

  const sweep = new HealthSweep(db, settings, deps.notifications);
  await scheduler.scheduleTask({
    id: 'data-platform-health-sweep',
    scope: 'global',
    frequency: { milliseconds: settings.sweepIntervalMs },
    timeout: { milliseconds: settings.sweepLeaseMs },
    initialDelay: { seconds: 15 },
    fn: async () => {
      const result = await sweep.run();
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
  return healthRoutes({
    httpAuth: deps.httpAuth,
    onCall: new OnCallQuery(db),
    pipelineHealth: new PipelineHealthQuery(db, settings),
    endpointFreshness: new EndpointFreshnessQuery(db),
    actions: new AlertActions({
      alerts,
      pipelines,
      permissions: deps.permissions,
      userInfo: deps.userInfo,
    }),
  });
}
