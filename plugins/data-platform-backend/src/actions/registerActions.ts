import type {
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import type { DataPlatformConfig } from '../config/readDataPlatformConfig';
import { readSchemaChangesConfig } from '../config/readSchemaChangesConfig';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { OnCallQuery } from '../services/Health/queries/OnCallQuery';
import { PipelineHealthQuery } from '../services/Health/queries/PipelineHealthQuery';
import type { LineageQueries } from '../services/LineageIndex/LineageQueries';
import { FieldConsumersQuery } from '../services/SchemaChanges/FieldConsumersQuery';
import { registerExplainPipelineDelayAction } from './explainPipelineDelay';
import { registerGetFieldConsumersAction } from './getFieldConsumers';
import { registerGetLineageAction } from './getLineage';
import { registerValidateSchemaChangeAction } from './validateSchemaChange';

/**
 * What the data platform's actions read from: the plugin's store and lineage
 * index, and the catalog and permissions that decide what a caller may see.
 */
export type DataPlatformActionsDeps = {
  actionsRegistry: ActionsRegistryService;
  db: Knex;
  config: DataPlatformConfig;
  rootConfig: Config;
  lineageQueries: LineageQueries;
  catalog: CatalogService;
  permissions: PermissionsService;
  auth: AuthService;
  logger: LoggerService;
};

/**
 * Registers the data platform's actions with Backstage's actions registry,
 * where the MCP server (`@backstage/plugin-mcp-actions-backend`) offers them
 * to assistants when `backend.actions.pluginSources` lists `data-platform`.
 * Every action answers as its caller: it shows only what the catalog lets
 * the caller read, through the same services as the plugin's routes.
 */
export function registerActions(deps: DataPlatformActionsDeps): void {
  const { actionsRegistry: registry, db, catalog } = deps;
  const reads = new CatalogReadAccess(deps);
  const consumers = new FieldConsumersQuery(deps.lineageQueries);

  registerGetLineageAction(registry, { queries: deps.lineageQueries, reads });
  registerExplainPipelineDelayAction(registry, {
    pipelineHealth: new PipelineHealthQuery(db, deps.config.health),
    onCall: new OnCallQuery(db),
    reads,
  });
  registerGetFieldConsumersAction(registry, { catalog, reads, consumers });
  registerValidateSchemaChangeAction(registry, {
    catalog,
    reads,
    consumers,
    config: readSchemaChangesConfig(deps.rootConfig),
  });
}
