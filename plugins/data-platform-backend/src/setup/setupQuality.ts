import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { qualityPermissions } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { qualityRoutes } from '../routes/qualityRoutes';
import { DatabaseMirrorState } from '../services/CatalogSync/MirrorState';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import type { OpenLineageHandlerRegistry } from '../services/OpenLineage/OpenLineageHandlerRegistry';
import { OwnerAccess } from '../services/OwnerAccess';
import { QualityCatalogSync } from '../services/Quality/catalog/QualityCatalogSync';
import { QualityEngine } from '../services/Quality/QualityEngine';
import { QualityEventHandler } from '../services/Quality/QualityEventHandler';
import type { QualityRunnerRegistry } from '../services/Quality/QualityRunnerRegistry';
import { QualityScores } from '../services/Quality/QualityScores';
import { QualityCatalogStore } from '../services/Quality/store/QualityCatalogStore';
import { QualityResultStore } from '../services/Quality/store/QualityResultStore';
import { scheduleLeasedJob } from '../services/JobLease/scheduleLeasedJob';

/**
 * Data quality: its copy of the catalog's endpoints (a global sync), the
 * OpenLineage handler that queues landed partitions and takes emitters'
 * assertions, the engine over the runners modules added (queued checks,
 * hourly partition metadata), the scores (within a minute of a check run,
 * and hourly for all), its permission and its routes.
 */
export async function setupQuality(deps: {
  db: Knex;
  config: DataPlatformConfig;
  runners: QualityRunnerRegistry;
  openLineageHandlers: OpenLineageHandlerRegistry;
  auth: AuthService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  scheduler: SchedulerService;
  userInfo: UserInfoService;
}): Promise<{ engine: QualityEngine; router: express.Router }> {
  const { db, logger, scheduler } = deps;
  const settings = deps.config.quality;
  const catalog = new QualityCatalogStore(db);
  const results = new QualityResultStore(db);
  const scores = new QualityScores({
    db,
    catalog,
    results,
    score: { weights: settings.weights },
    knownEntities: async refs => {
      const { credentials } = {
        credentials: await deps.auth.getOwnServiceCredentials(),
      };
      const known = new Set<string>();
      for (let i = 0; i < refs.length; i += 200) {
        const batch = refs.slice(i, i + 200);
        const { items } = await deps.catalog.getEntitiesByRefs(
          { entityRefs: batch, fields: ['kind'] },
          { credentials },
        );
        items.forEach((item, at) => item && known.add(batch[at]));
      }
      return known;
    },
  });
  const engine = new QualityEngine({
    catalog,
    results,
    runners: deps.runners,
    logger,
    settings,
    onResults: async refs => {
      await scores.recompute(refs);
    },
  });
  deps.openLineageHandlers.addBuiltIn(new QualityEventHandler());
  if (deps.runners.list().length === 0) {
    logger.info(
      'No quality runner is installed: declared checks are not run, only emitters’ assertions are recorded',
    );
  }

  const sync = new QualityCatalogSync({
    catalog: deps.catalog,
    auth: deps.auth,
    store: catalog,
    logger,
    state: new DatabaseMirrorState(db, 'quality'),
  });
  const task = async (
    id: string,
    frequencyMs: number,
    initialDelayMs: number,
    fn: (signal: AbortSignal) => Promise<void>,
  ) =>
    scheduleLeasedJob(
      { db, scheduler, logger, leases: deps.config.leases },
      {
        id: `data-platform-quality-${id}`,
        lease: `quality-${id}`,
        frequencyMs,
        timeoutMs: Math.max(frequencyMs * 2, 5 * 60_000),
        initialDelayMs,
        run: lease => fn(lease.signal),
      },
    );
  await task(
    'catalog-sync',
    settings.catalogSyncIntervalMs,
    5_000,
    async signal => {
      await sync.run(signal);
    },
  );
  await task('checks', settings.checkIntervalMs, 20_000, async signal => {
    const pass = await engine.processQueue(signal);
    if (pass.checked || pass.failed) {
      logger.info(
        `Quality: checked ${pass.checked} partitions, ${pass.failed} runs failed, ${pass.left} queued`,
      );
    }
  });
  await task('metadata', settings.metadataIntervalMs, 25_000, async signal => {
    await engine.sweepMetadata(signal);
  });
  await task('scores', settings.scoreIntervalMs, 40_000, async signal => {
    await scores.recompute(undefined, signal);
  });

  deps.permissionsRegistry.addPermissions(qualityPermissions);
  return {
    engine,
    router: qualityRoutes({
      httpAuth: deps.httpAuth,
      catalog,
      results,
      engine,
      reads: new CatalogReadAccess({
        ...deps,
        decisionTtlMs: deps.config.readAccess.decisionTtlMs,
      }),
      owners: new OwnerAccess(deps),
      volumeWeeks: settings.volumeWeeks,
    }),
  };
}
