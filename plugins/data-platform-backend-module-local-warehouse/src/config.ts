import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { dirname, join } from 'node:path';
import { MIN_ANONYMIZATION_KEY_LENGTH } from '@dataplatform/backstage-plugin-data-platform-common';

/** The database of the local warehouse, as knex takes it. */
export type WarehouseDatabaseConfig =
  | {
      client: 'better-sqlite3';
      /** `:memory:` or a file path. */
      filename: string;
    }
  | {
      client: 'pg';
      /** A connection string, or knex's connection object. */
      connection: string | Record<string, unknown>;
    };

/** `dataPlatform.localWarehouse`, with its defaults applied. */
export type LocalWarehouseConfig = {
  database: WarehouseDatabaseConfig;
  /**
   * Set when the warehouse is in memory but the plugin's database is not:
   * after a restart the provisioning state would describe tables that are
   * gone until the next reconcile.
   */
  outlivedBy?: string;
  pseudonymizationKey: string;
  demoDelivery: { enabled: boolean };
  retentionInterval: HumanDuration;
};

/** Pseudonymizes the dev portal's demo events; anyone can read it here, so it protects nothing. */
export const DEV_PSEUDONYMIZATION_KEY = 'local-warehouse-dev-key-not-a-secret';

const KEY = 'dataPlatform.localWarehouse';

function readDatabase(config: Config | undefined): WarehouseDatabaseConfig {
  const client = config?.getOptionalString('client') ?? 'better-sqlite3';
  if (client === 'better-sqlite3') {
    const connection = config?.getOptional('connection') ?? ':memory:';
    const filename =
      typeof connection === 'string'
        ? connection
        : config!.getString('connection.filename');
    return { client, filename };
  }
  if (client === 'pg') {
    const connection = config!.get('connection');
    if (typeof connection !== 'string' && typeof connection !== 'object') {
      throw new Error(
        `${KEY}.database.connection must be a connection string or an object`,
      );
    }
    return {
      client,
      connection: connection as string | Record<string, unknown>,
    };
  }
  throw new Error(
    `${KEY}.database.client must be better-sqlite3 or pg, not ${client}`,
  );
}

const WAREHOUSE_FILE = 'local-warehouse.sqlite';

/**
 * The warehouse's database when none is configured: one that lives and dies
 * with the plugin's (`backend.database`), where the provisioning state is
 * kept, so neither outlives the other. SQLite in memory: in memory. SQLite
 * on disk (a `directory`, or a file): `local-warehouse.sqlite` beside it.
 * PostgreSQL: in memory, and `outlivedBy` says so, since the warehouse's
 * own database must be named.
 */
function followBackendDatabase(
  backend: Config | undefined,
): Pick<LocalWarehouseConfig, 'database' | 'outlivedBy'> {
  const inMemory = { client: 'better-sqlite3', filename: ':memory:' } as const;
  const client = backend?.getOptionalString('client');
  if (!backend || !client) return { database: inMemory };
  if (client !== 'better-sqlite3' && client !== 'sqlite3') {
    return {
      database: inMemory,
      outlivedBy: `backend.database (${client})`,
    };
  }
  const connection = backend.getOptional('connection');
  const onDisk = (filename: string) =>
    filename === ':memory:'
      ? { database: inMemory }
      : {
          database: {
            client: 'better-sqlite3' as const,
            filename: join(dirname(filename), WAREHOUSE_FILE),
          },
        };
  if (typeof connection === 'string') return onDisk(connection);
  const directory = backend.getOptionalString('connection.directory');
  if (directory) {
    return {
      database: {
        client: 'better-sqlite3',
        filename: join(directory, WAREHOUSE_FILE),
      },
    };
  }
  const filename = backend.getOptionalString('connection.filename');
  return filename ? onDisk(filename) : { database: inMemory };
}

/** Reads `dataPlatform.localWarehouse` once, failing on values it cannot use. */
export function readLocalWarehouseConfig(root: Config): LocalWarehouseConfig {
  const config = root.getOptionalConfig(KEY);
  const pseudonymizationKey =
    config?.getOptionalString('pseudonymizationKey') ??
    DEV_PSEUDONYMIZATION_KEY;
  if (pseudonymizationKey.length < MIN_ANONYMIZATION_KEY_LENGTH) {
    throw new Error(
      `${KEY}.pseudonymizationKey must have at least ${MIN_ANONYMIZATION_KEY_LENGTH} characters`,
    );
  }
  const retentionInterval = config?.has('retention.interval')
    ? readDurationFromConfig(config, { key: 'retention.interval' })
    : { hours: 1 };
  if (!(durationToMilliseconds(retentionInterval) > 0)) {
    throw new Error(`${KEY}.retention.interval must be a positive duration`);
  }
  const own = config?.getOptionalConfig('database');
  return {
    ...(own
      ? { database: readDatabase(own) }
      : followBackendDatabase(root.getOptionalConfig('backend.database'))),
    pseudonymizationKey,
    demoDelivery: {
      enabled: config?.getOptionalBoolean('demoDelivery.enabled') ?? false,
    },
    retentionInterval,
  };
}
