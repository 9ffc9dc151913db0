import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import express from 'express';
import { notificationService } from '@backstage/plugin-notifications-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  dataPlatformOpenLineageExtensionPoint,
  dataPlatformProvisioningExtensionPoint,
  dataPlatformQualityExtensionPoint,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { registerActions } from './actions/registerActions';
import { readDataPlatformConfig } from './config/readDataPlatformConfig';
import { applyMigrations } from './database/migrations';
import { createRouter } from './routes/createRouter';
import { hideInternalErrors } from './routes/hideInternalErrors';
import { whereToPost } from './routes/whereToPost';
import { OpenLineageHandlerRegistry } from './services/OpenLineage/OpenLineageHandlerRegistry';
import { ProvisionerRegistry } from './services/Provisioning/ProvisionerRegistry';
import { QualityRunnerRegistry } from './services/Quality/QualityRunnerRegistry';
import { setupLineage } from './setup/setupLineage';
import { setupOpenLineage } from './setup/setupOpenLineage';
import { setupPipelineHealth } from './setup/setupPipelineHealth';
import { setupPii } from './setup/setupPii';
import { setupProvisioning } from './setup/setupProvisioning';
import { setupQuality } from './setup/setupQuality';
import { setupSchemaChanges } from './setup/setupSchemaChanges';
import { setupSchemaFields } from './setup/setupSchemaFields';

/**
 * The data platform backend: lineage index, OpenLineage ingestion,
 * pipeline health, provisioning and data quality.
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
    const provisioners = new ProvisionerRegistry();
    env.registerExtensionPoint(
      dataPlatformProvisioningExtensionPoint,
      provisioners,
    );
    const qualityRunners = new QualityRunnerRegistry();
    env.registerExtensionPoint(
      dataPlatformQualityExtensionPoint,
      qualityRunners,
    );

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        rootConfig: coreServices.rootConfig,
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
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        // The backend has run every module's init: their handlers are in.
        openLineageHandlers.closeToModules();
        provisioners.seal();
        qualityRunners.seal();
        const config = readDataPlatformConfig(deps.rootConfig);
        const db = await applyMigrations(deps.database);

        const lineage = await setupLineage({ ...deps, db, config });
        // Before the ingestion: its OpenLineage handler joins the others.
        const quality = await setupQuality({
          ...deps,
          db,
          config,
          runners: qualityRunners,
          openLineageHandlers,
        });
        // Also before the ingestion: it queues what events write.
        const pii = await setupPii({
          ...deps,
          db,
          config,
          openLineageHandlers,
        });
        const openLineage = await setupOpenLineage({
          ...deps,
          db,
          config,
          handlers: openLineageHandlers,
          lineageStore: lineage.store,
        });
        const health = await setupPipelineHealth({
          ...deps,
          db,
          config,
          ingestor: openLineage.ingestor,
        });

        const provisioning = await setupProvisioning({
          ...deps,
          db,
          config,
          registry: provisioners,
          derivedPii: pii.derivedPii,
        });

        const schemaChanges = setupSchemaChanges({
          ...deps,
          db,
          lineageQueries: lineage.queries,
        });

        registerActions({
          ...deps,
          db,
          config,
          lineageQueries: lineage.queries,
        });

        const schemaFields = await setupSchemaFields({ ...deps, db, config });

        // Before the JSON body parser of the other routes: it reads its own.
        deps.httpRouter.use(openLineage.router);
        deps.httpRouter.use(
          createRouter([
            lineage.router,
            health.router,
            provisioning.router,
            quality.router,
            schemaChanges.router,
            schemaFields.router,
            pii.router,
          ]),
        );
        // After every route: what has none is a 404 saying where to post.
        deps.httpRouter.use(whereToPost());
        // Last: a 5xx is logged here, and answered without its details.
        // An error handler: httpRouter.use hands it to express as it is.
        deps.httpRouter.use(
          hideInternalErrors(deps.logger) as unknown as express.Handler,
        );
      },
    });
  },
});
