import {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { Knex } from 'knex';
import { registerFindFieldsAction } from '../actions/findFieldsAction';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { schemaFieldRoutes } from '../routes/schemaFieldRoutes';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { DatabaseMirrorState } from '../services/CatalogSync/MirrorState';
import { scheduleLeasedJob } from '../services/JobLease/scheduleLeasedJob';
import { DatabaseSchemaFieldStore } from '../services/SchemaFieldIndex/DatabaseSchemaFieldStore';
import { SchemaFieldSearch } from '../services/SchemaFieldIndex/SchemaFieldSearch';
import { SchemaFieldSync } from '../services/SchemaFieldIndex/SchemaFieldSync';

/**
 * Search by schema field: the field index, its sync with the catalog (a
 * leased job on the lineage sync's cadence: both follow the same entities),
 * its routes and the find-fields action.
 */
export async function setupSchemaFields(deps: {
  db: Knex;
  config: DataPlatformConfig;
  auth: AuthService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
  actionsRegistry: ActionsRegistryService;
}): Promise<{ router: express.Router }> {
  const { db, config } = deps;
  const store = new DatabaseSchemaFieldStore(db);
  const sync = new SchemaFieldSync({
    catalog: deps.catalog,
    auth: deps.auth,
    store,
    logger: deps.logger,
    timing: {
      reconcileIntervalMs: config.lineage.catalogReconcileIntervalMs,
    },
    state: new DatabaseMirrorState(db, 'schema-fields'),
  });
  await scheduleLeasedJob(
    { ...deps, leases: config.leases },
    {
      id: 'data-platform-schema-field-sync',
      lease: 'schema-field-sync',
      frequencyMs: config.lineage.catalogSyncIntervalMs,
      timeoutMs: 10 * 60_000,
      initialDelayMs: 5_000,
      run: async lease => {
        await sync.run(lease.signal);
      },
    },
  );

  const search = new SchemaFieldSearch({
    store,
    access: new CatalogReadAccess({
      ...deps,
      decisionTtlMs: config.readAccess.decisionTtlMs,
    }),
  });
  registerFindFieldsAction({ actionsRegistry: deps.actionsRegistry, search });
  return {
    router: schemaFieldRoutes({ httpAuth: deps.httpAuth, store, search }),
  };
}
