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
import type { LineageQueries } from '../services/LineageIndex/LineageQueries';

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
 * the caller read.
 */
export function registerActions(_deps: DataPlatformActionsDeps): void {}
