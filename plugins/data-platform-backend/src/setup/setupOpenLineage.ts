import {
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { dataPlatformPermissions } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { deadLetterRoutes } from '../routes/deadLetterRoutes';
import { openLineageRoutes } from '../routes/openLineageRoutes';
import { RunRecorder } from '../services/Health/runs/RunRecorder';
import { DatabaseLineageStore } from '../services/LineageIndex/DatabaseLineageStore';
import { ObservedLineageHandler } from '../services/OpenLineage/ObservedLineageHandler';
import { NameMappings } from '../services/OpenLineage/NameMappings';
import { OpenLineageDeadLetters } from '../services/OpenLineage/OpenLineageDeadLetters';
import { OpenLineageHandlerRegistry } from '../services/OpenLineage/OpenLineageHandlerRegistry';
import { OpenLineageIngestor } from '../services/OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from '../services/OpenLineage/OpenLineageValidator';
import { loadSeedFiles } from '../services/OpenLineage/seedFiles';

const DAY_MS = 86_400_000;

/**
 * The OpenLineage ingestion: the plugin's own handlers (observed lineage,
 * then pipeline runs) ahead of the modules', the ingestor and its
 * dead-letter store, the hourly retention of raw events and dead letters (a
 * global task), the seed files, the permissions and the routes.
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
  const deadLetters = new OpenLineageDeadLetters(db, config.deadLetters);
  const ingestor = new OpenLineageIngestor({
    db,
    validator: OpenLineageValidator.fromPackage(
      {
        maxDatasetsPerEvent: config.maxDatasetsPerEvent,
        maxNestingDepth: config.maxNestingDepth,
      },
      new NameMappings(config.mappings),
    ),
    handlers: deps.handlers.inRunOrder(),
    deadLetters,
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
      await ingestor.runOwnership.prune(cutoff);
      const letters = await deadLetters.prune(
        Date.now() - config.deadLetters.retentionDays * DAY_MS,
      );
      if (letters) logger.info(`Pruned ${letters} OpenLineage dead letters`);
    },
  });
  await loadSeedFiles({ files: config.seedFiles, ingestor, logger });

  deps.permissionsRegistry.addPermissions(dataPlatformPermissions);
  const router = Router();
  router.use(
    openLineageRoutes({
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
      ingestor,
      maxBodySize: config.maxBodySize,
      limits: {
        maxEvents: config.maxEventsPerRequest,
        maxDepth: config.maxNestingDepth,
      },
    }),
    deadLetterRoutes({
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
      ingestor,
      deadLetters,
    }),
  );
  return { ingestor, router };
}
