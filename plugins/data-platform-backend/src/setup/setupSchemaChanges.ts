import type {
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Config } from '@backstage/config';
import { schemaChangePermissions } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import { Knex } from 'knex';
import { readReadAccess } from '../config/readDataPlatformConfig';
import { readSchemaChangesConfig } from '../config/readSchemaChangesConfig';
import { schemaChangeRoutes } from '../routes/schemaChangeRoutes';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { OwnerAccess } from '../services/OwnerAccess';
import type { LineageQueries } from '../services/LineageIndex/LineageQueries';
import { FieldConsumersQuery } from '../services/SchemaChanges/FieldConsumersQuery';
import { SchemaChangeDecisionStore } from '../services/SchemaChanges/SchemaChangeDecisionStore';

/**
 * The schema-change gate's backend: consumer impact from the lineage index,
 * recorded decisions and the notices to consumers' owners.
 */
export function setupSchemaChanges(deps: {
  db: Knex;
  rootConfig: Config;
  lineageQueries: LineageQueries;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  userInfo: UserInfoService;
  notifications: NotificationService;
}): { router: express.Router } {
  deps.permissionsRegistry.addPermissions(schemaChangePermissions);
  return {
    router: schemaChangeRoutes({
      httpAuth: deps.httpAuth,
      logger: deps.logger,
      catalog: deps.catalog,
      access: new CatalogReadAccess({
        ...deps,
        ...readReadAccess(deps.rootConfig),
      }),
      owners: new OwnerAccess(deps),
      consumers: new FieldConsumersQuery(deps.lineageQueries),
      decisions: new SchemaChangeDecisionStore(deps.db),
      notifications: deps.notifications,
      config: readSchemaChangesConfig(deps.rootConfig),
    }),
  };
}
