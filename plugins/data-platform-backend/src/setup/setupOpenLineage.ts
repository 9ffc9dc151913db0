import {
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { dataPlatformPermissions } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { openLineageRoutes } from '../routes/openLineageRoutes';
import { RunRecorder } from '../services/Health/runs/RunRecorder';
import { DatabaseLineageStore } from '../services/LineageIndex/DatabaseLineageStore';
import { ObservedLineageHandler } from '../services/OpenLineage/ObservedLineageHandler';
import { OpenLineageHandlerRegistry } from '../services/OpenLineage/OpenLineageHandlerRegistry';
import { OpenLineageIngestor } from '../services/OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from '../services/OpenLineage/OpenLineageValidator';
import { loadSeedFiles } from '../services/OpenLineage/seedFiles';

const DAY_MS = 86_400_000;

/**
 * The OpenLineage ingestion: the plugin's own handlers (observed lineage,
 * then pipeline runs) ahead of the modules', the ingestor, the hourly
 * retention of raw events (a global task), the seed files, the write
 * permission and the ingestion route.
 */
export async function setupOpenLineage(deps: {
  db: Knex;
  config: DataPlatformConfig;
  handlers: OpenLineageHandlerRegistry;
  lineageStore: DatabaseLineageStore;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  scheduler: SchedulerService;
}): Promise<{ ingestor: OpenLineageIngestor; router: express.Router }> {
  const { db, logger } = deps;
  const config = deps.config.openLineage;
  deps.handlers.addBuiltIn(
    new ObservedLineageHandler(deps.lineageStore, {
      resolutionMs: config.lastSeenResolutionMs,
    }),
    new RunRecorder(db),
  );
  const ingestor = new OpenLineageIngestor({
    db,
    validator: OpenLineageValidator.fromPackage(),
    handlers: deps.handlers.inRunOrder(),
  });

  await deps.scheduler.scheduleTask({
    id: 'data-platform-openlineage-retention',
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const cutoff = Date.now() - config.retentionDays * DAY_MS;
      const pruned = await ingestor.eventLog.prune(cutoff);
      if (pruned) logger.info(`Pruned ${pruned} raw OpenLineage events`);
    },
  });
  await loadSeedFiles({ files: config.seedFiles, ingestor, logger });

  deps.permissionsRegistry.addPermissions(dataPlatformPermissions);
  return {
    ingestor,
    router: openLineageRoutes({
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
      ingestor,
      maxBodySize: config.maxBodySize,
      limits: {
        maxEvents: config.maxEventsPerRequest,
        maxDepth: config.maxNestingDepth,
      },
    }),
  };
}
