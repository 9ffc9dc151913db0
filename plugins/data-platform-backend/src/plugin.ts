import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { dataPlatformOpenLineageExtensionPoint } from '@dataplatform/backstage-plugin-data-platform-node';
import { createRouter } from './routes/createRouter';
import { lineageRoutes } from './routes/lineageRoutes';
import { applyMigrations } from './database/migrations';
import { DatabaseLineageStore } from './services/LineageIndex/DatabaseLineageStore';
import { LineageQueries } from './services/LineageIndex/LineageQueries';
import { CatalogReadAccess } from './services/LineageIndex/CatalogReadAccess';
import { CatalogLineageSync } from './services/CatalogSync/CatalogLineageSync';
import { DatabaseMirrorState } from './services/CatalogSync/MirrorState';
import { dataPlatformPermissions } from '@dataplatform/backstage-plugin-data-platform-common';
import { openLineageRoutes } from './routes/openLineageRoutes';
import { readDataPlatformConfig } from './config/readDataPlatformConfig';
import { OpenLineageHandlerRegistry } from './services/OpenLineage/OpenLineageHandlerRegistry';
import { OpenLineageIngestor } from './services/OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from './services/OpenLineage/OpenLineageValidator';
import { ObservedLineageHandler } from './services/OpenLineage/ObservedLineageHandler';
import { loadSeedFiles } from './services/OpenLineage/seedFiles';
import { notificationService } from '@backstage/plugin-notifications-node';
import { RunRecorder } from './services/Health/runs/RunRecorder';
import { setupPipelineHealth } from './services/Health/setupPipelineHealth';

/**
 * The data platform backend: lineage index, OpenLineage ingestion and
 * pipeline health.
 *
 * @public
 */
export const dataPlatformPlugin = createBackendPlugin({
  pluginId: 'data-platform',
  register(env) {
    const openLineageHandlers = new OpenLineageHandlerRegistry();
    env.registerExtensionPoint(
      dataPlatformOpenLineageExtensionPoint,
      openLineageHandlers.extensionPoint,
    );

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
      },
      async init(deps) {
        // The backend has run every module's init: their handlers are in.
        openLineageHandlers.closeToModules();
        const { database, httpAuth, httpRouter, logger, scheduler } = deps;
        const config = readDataPlatformConfig(deps.config);
        const db = await applyMigrations(database);
        const store = new DatabaseLineageStore(db);
        const queries = new LineageQueries(db, {
          minReloadIntervalMs: 1000,
          checkIntervalMs: 250,
          reloadInBackground: true,
        });
        const sync = new CatalogLineageSync({
          catalog: deps.catalog,
          auth: deps.auth,
          store,
          logger,
          defaultJobNamespace: config.defaultJobNamespace,
          timing: {
            reconcileIntervalMs: config.lineage.catalogReconcileIntervalMs,
          },
          state: new DatabaseMirrorState(db, 'lineage'),
        });
        await scheduler.scheduleTask({
          id: 'data-platform-lineage-catalog-sync',
          scope: 'global',
          frequency: { milliseconds: config.lineage.catalogSyncIntervalMs },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await sync.run();
          },
        });

        const openLineage = config.openLineage;
        openLineageHandlers.addBuiltIn(
          new ObservedLineageHandler(store, {
            resolutionMs: openLineage.lastSeenResolutionMs,
          }),
          new RunRecorder(db),
        );
        const ingestor = new OpenLineageIngestor({
          db,
          validator: OpenLineageValidator.fromPackage(),
          handlers: openLineageHandlers.inRunOrder(),
        });
        await scheduler.scheduleTask({
          id: 'data-platform-openlineage-retention',
          scope: 'global',
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const cutoff = Date.now() - openLineage.retentionDays * 86_400_000;
            const pruned = await ingestor.eventLog.prune(cutoff);
            if (pruned) logger.info(`Pruned ${pruned} raw OpenLineage events`);
          },
        });
        await loadSeedFiles({ files: openLineage.seedFiles, ingestor, logger });
        deps.permissionsRegistry.addPermissions(dataPlatformPermissions);

        // Before the JSON body parser of the other routes: it reads its own.
        httpRouter.use(
          openLineageRoutes({
            httpAuth,
            permissions: deps.permissions,
            ingestor,
            maxBodySize: openLineage.maxBodySize,
          }),
        );
        const health = await setupPipelineHealth({
          ...deps,
          db,
          ingestor,
          settings: config.health,
          defaultJobNamespace: config.defaultJobNamespace,
        });
        httpRouter.use(
          createRouter([
            lineageRoutes({
              httpAuth,
              queries,
              access: new CatalogReadAccess(deps),
            }),
            health,
          ]),
        );
      },
    });
  },
});
