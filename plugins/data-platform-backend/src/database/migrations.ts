import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);

/** The plugin's database client, migrated to the latest schema. */
export async function applyMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

/** Migrates a knex client directly (tests, benchmarks). */
export async function migrateClient(client: Knex): Promise<void> {
  await client.migrate.latest({ directory: migrationsDir });
}
