import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
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
  return {
    database: readDatabase(config?.getOptionalConfig('database')),
    pseudonymizationKey,
    demoDelivery: {
      enabled: config?.getOptionalBoolean('demoDelivery.enabled') ?? false,
    },
    retentionInterval,
  };
}
