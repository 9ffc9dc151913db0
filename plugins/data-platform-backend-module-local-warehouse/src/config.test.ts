import { ConfigReader } from '@backstage/config';
import { DEV_PSEUDONYMIZATION_KEY, readLocalWarehouseConfig } from './config';

const read = (localWarehouse?: object) =>
  readLocalWarehouseConfig(
    new ConfigReader({ dataPlatform: { localWarehouse } }),
  );

describe('readLocalWarehouseConfig', () => {
  it('defaults to SQLite in memory, the dev key, hourly retention and no demo', () => {
    expect(readLocalWarehouseConfig(new ConfigReader({}))).toEqual({
      database: { client: 'better-sqlite3', filename: ':memory:' },
      pseudonymizationKey: DEV_PSEUDONYMIZATION_KEY,
      demoDelivery: { enabled: false },
      retentionInterval: { hours: 1 },
    });
  });

  it('reads a SQLite file, PostgreSQL, the key, the demo and the interval', () => {
    expect(
      read({ database: { connection: { filename: 'warehouse.sqlite' } } })
        .database,
    ).toEqual({ client: 'better-sqlite3', filename: 'warehouse.sqlite' });
    expect(
      read({
        database: {
          client: 'pg',
          connection: 'postgresql://warehouse@db:5432/warehouse',
        },
        pseudonymizationKey: 'k'.repeat(32),
        demoDelivery: { enabled: true },
        retention: { interval: '15m' },
      }),
    ).toEqual({
      database: {
        client: 'pg',
        connection: 'postgresql://warehouse@db:5432/warehouse',
      },
      pseudonymizationKey: 'k'.repeat(32),
      demoDelivery: { enabled: true },
      retentionInterval: { minutes: 15 },
    });
  });

  it("lives and dies with the plugin's database unless it has its own", () => {
    const withBackend = (database: object, localWarehouse?: object) =>
      readLocalWarehouseConfig(
        new ConfigReader({
          backend: { database },
          dataPlatform: { localWarehouse },
        }),
      );
    const memory = { client: 'better-sqlite3', filename: ':memory:' };
    const dev = withBackend({
      client: 'better-sqlite3',
      connection: ':memory:',
    });
    expect(dev.database).toEqual(memory);
    expect(dev.outlivedBy).toBeUndefined();
    expect(
      withBackend({
        client: 'better-sqlite3',
        connection: { directory: 'data/sqlite' },
      }).database,
    ).toEqual({
      client: 'better-sqlite3',
      filename: 'data/sqlite/local-warehouse.sqlite',
    });
    expect(
      withBackend({
        client: 'better-sqlite3',
        connection: 'db/backstage.sqlite',
      }).database,
    ).toEqual({
      client: 'better-sqlite3',
      filename: 'db/local-warehouse.sqlite',
    });
    // PostgreSQL keeps the plugin's state: an in-memory warehouse says so.
    const pg = { client: 'pg', connection: { host: 'db' } };
    expect(withBackend(pg)).toMatchObject({
      database: memory,
      outlivedBy: 'backend.database (pg)',
    });
    // Its own database wins, and then nothing is outlived.
    const own = withBackend(pg, {
      database: { client: 'pg', connection: 'postgresql://db/warehouse' },
    });
    expect(own.database).toEqual({
      client: 'pg',
      connection: 'postgresql://db/warehouse',
    });
    expect(own.outlivedBy).toBeUndefined();
  });

  it('refuses what it cannot use, naming the key', () => {
    expect(() => read({ database: { client: 'mysql2' } })).toThrow(
      'dataPlatform.localWarehouse.database.client must be better-sqlite3 or pg, not mysql2',
    );
    expect(() => read({ pseudonymizationKey: 'short' })).toThrow(
      'dataPlatform.localWarehouse.pseudonymizationKey must have at least 16 characters',
    );
    expect(() => read({ retention: { interval: { hours: 0 } } })).toThrow(
      'dataPlatform.localWarehouse.retention.interval must be a positive duration',
    );
  });
});
