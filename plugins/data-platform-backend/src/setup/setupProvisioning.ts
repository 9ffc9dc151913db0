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
import { provisioningPermissions } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { provisioningRoutes } from '../routes/provisioningRoutes';
import {
  DerivedPiiLookup,
  withDerivedPii,
} from '../services/PiiPropagation/derivedPiiMarks';
import { ProvisioningAccess } from '../services/Provisioning/ProvisioningAccess';
import { ProvisioningCatalogReader } from '../services/Provisioning/ProvisioningCatalogReader';
import { ProvisioningEngine } from '../services/Provisioning/ProvisioningEngine';
import type { ProvisionerRegistry } from '../services/Provisioning/ProvisionerRegistry';
import { ProvisioningStore } from '../services/Provisioning/ProvisioningStore';
import { scheduleLeasedJob } from '../services/JobLease/scheduleLeasedJob';

/** Milliseconds as whole numbers, for the reconcile's log line. */
const roundMs = (_key: string, value: unknown) =>
  typeof value === 'number' ? Math.round(value) : value;

/**
 * Provisioning: the engine over the provisioners modules added, the leased
 * reconcile that observes, plans and (with `autoApply: additive`) applies,
 * its permission and its routes.
 */
export async function setupProvisioning(deps: {
  db: Knex;
  config: DataPlatformConfig;
  registry: ProvisionerRegistry;
  auth: AuthService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  scheduler: SchedulerService;
  userInfo: UserInfoService;
  /** Personal data reaching endpoints' columns along lineage: tagged too. */
  derivedPii?: DerivedPiiLookup;
}): Promise<{ engine: ProvisioningEngine; router: express.Router }> {
  const { db, registry, logger } = deps;
  const settings = deps.config.provisioning;
  const store = new ProvisioningStore(db);
  const engine = new ProvisioningEngine({
    store,
    registry,
    catalog: deps.derivedPii
      ? withDerivedPii(new ProvisioningCatalogReader(deps), deps.derivedPii)
      : new ProvisioningCatalogReader(deps),
    logger,
    settings,
    leases: deps.config.leases,
  });
  if (registry.list().length === 0) {
    logger.info(
      'No provisioner is installed: the catalog’s resources are shown as unmanaged',
    );
  }
  await scheduleLeasedJob(
    { ...deps, leases: deps.config.leases },
    {
      id: 'data-platform-provisioning-reconcile',
      lease: 'provisioning-reconcile',
      frequencyMs: settings.reconcileIntervalMs,
      timeoutMs: settings.reconcileTimeoutMs,
      initialDelayMs: settings.initialDelayMs,
      run: async lease => {
        const summary = await engine.reconcile(lease.signal);
        logger.info(
          `Provisioning reconcile: ${
            summary.resources
          } resources (${Object.entries(summary.states)
            .map(([state, n]) => `${n} ${state}`)
            .join(', ')}; ${summary.unchanged} unchanged since planned), ${
            summary.applied
          } applied, ${summary.problems} problems in ${
            summary.durationMs
          } ms (${Object.entries(summary.steps)
            .map(([step, ms]) => `${step} ${JSON.stringify(ms, roundMs)}`)
            .join(', ')})`,
        );
      },
    },
  );
  deps.permissionsRegistry.addPermissions(provisioningPermissions);
  return {
    engine,
    router: provisioningRoutes({
      httpAuth: deps.httpAuth,
      engine,
      store,
      registry,
      access: new ProvisioningAccess(deps),
    }),
  };
}
