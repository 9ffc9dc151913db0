import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  dataPlatformOpenLineageExtensionPoint,
  dataPlatformProvisioningExtensionPoint,
  dataPlatformQualityExtensionPoint,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { readLocalWarehouseConfig } from './config';
import { DemoRunOutputs } from './demo/DemoRunOutputs';
import { landDemoEvents } from './demo/landDemoEvents';
import { LocalWarehouseProvisioner } from './provisioner/LocalWarehouseProvisioner';
import { LocalWarehouseQualityRunner } from './quality/LocalWarehouseQualityRunner';
import { deleteExpiredPartitions } from './retention/deleteExpiredPartitions';
import { LocalWarehouse } from './warehouse/LocalWarehouse';
import { warehouseKnex } from './warehouse/warehouseKnex';

/**
 * The local warehouse of the data-platform plugin: provisions the catalog's
 * tables into a database of its own, runs their quality checks, expires
 * their partitions hourly and, in the dev portal, lands demo events
 * through the deliveries and sample rows into the partitions that
 * completed runs wrote.
 *
 * @public
 */
export const dataPlatformModuleLocalWarehouse = createBackendModule({
  pluginId: 'data-platform',
  moduleId: 'local-warehouse',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        provisioning: dataPlatformProvisioningExtensionPoint,
        quality: dataPlatformQualityExtensionPoint,
        openLineage: dataPlatformOpenLineageExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        lifecycle,
        provisioning,
        quality,
        openLineage,
      }) {
        const settings = readLocalWarehouseConfig(config);
        if (settings.outlivedBy) {
          logger.warn(
            `The local warehouse is in memory but ${settings.outlivedBy} is not: after a restart its tables are gone while the provisioning state says they exist, until the next reconcile. Set dataPlatform.localWarehouse.database to keep them.`,
          );
        }
        const knex = warehouseKnex(settings.database);
        lifecycle.addShutdownHook(() => knex.destroy());
        const warehouse = await LocalWarehouse.create({ knex });
        provisioning.addProvisioner(
          new LocalWarehouseProvisioner({
            warehouse,
            pseudonymizationKey: settings.pseudonymizationKey,
          }),
        );
        quality.addRunner(new LocalWarehouseQualityRunner(warehouse));

        // Which tables the runner handles, when another instance provisions them.
        await scheduler.scheduleTask({
          id: 'data-platform-local-warehouse-held-tables',
          scope: 'local',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          fn: () => warehouse.refreshHeldTables(),
        });
        await scheduler.scheduleTask({
          id: 'data-platform-local-warehouse-retention',
          scope: 'global',
          frequency: settings.retentionInterval,
          timeout: { minutes: 15 },
          fn: async () => {
            await deleteExpiredPartitions(warehouse, { logger });
          },
        });
        if (settings.demoDelivery.enabled) {
          const runOutputs = new DemoRunOutputs({
            warehouse,
            pseudonymizationKey: settings.pseudonymizationKey,
            logger,
          });
          openLineage.addHandler(runOutputs);
          await scheduler.scheduleTask({
            id: 'data-platform-local-warehouse-demo-delivery',
            scope: 'global',
            frequency: { minutes: 1 },
            timeout: { minutes: 1 },
            fn: async () => {
              await landDemoEvents(warehouse, { logger });
            },
          });
          // Runs may complete before their outputs are provisioned (at start):
          // their rows land once the tables exist. Local: the waiting is in memory.
          await scheduler.scheduleTask({
            id: 'data-platform-local-warehouse-demo-run-outputs',
            scope: 'local',
            frequency: { minutes: 1 },
            timeout: { minutes: 5 },
            fn: async () => {
              await runOutputs.landWaiting();
            },
          });
        }
        logger.info(
          `The local warehouse runs on ${
            settings.database.client === 'pg' ? 'PostgreSQL' : 'SQLite'
          }${
            settings.demoDelivery.enabled
              ? ', landing demo events and run outputs'
              : ''
          }`,
        );
      },
    });
  },
});
