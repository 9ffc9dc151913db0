import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './routes/createRouter';
import { lineageRoutes } from './routes/lineageRoutes';
import { applyMigrations } from './database/migrations';
import { DatabaseLineageStore } from './services/LineageIndex/DatabaseLineageStore';
import { LineageQueries } from './services/LineageIndex/LineageQueries';
import { CatalogLineageSync } from './services/CatalogSync/CatalogLineageSync';

/**
 * The data platform backend: lineage index, OpenLineage ingestion and
 * pipeline health.
 *
 * @public
 */
export const dataPlatformPlugin = createBackendPlugin({
  pluginId: 'data-platform',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, database, httpAuth, httpRouter, logger, scheduler } =
          deps;
        const db = await applyMigrations(database);
        const store = new DatabaseLineageStore(db);
        const queries = new LineageQueries(db);

        const sync = new CatalogLineageSync({
          catalog: deps.catalog,
          auth: deps.auth,
          store,
          logger,
          defaultJobNamespace:
            config.getOptionalString(
              'dataPlatform.openLineage.defaultJobNamespace',
            ) ?? 'default',
        });
        await scheduler.scheduleTask({
          id: 'data-platform-lineage-catalog-sync',
          scope: 'global',
          frequency: config.has('dataPlatform.lineage.catalogSyncInterval')
            ? readDurationFromConfig(config, {
                key: 'dataPlatform.lineage.catalogSyncInterval',
              })
            : { seconds: 20 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await sync.run();
          },
        });

        httpRouter.use(createRouter([lineageRoutes({ httpAuth, queries })]));
      },
    });
  },
});
