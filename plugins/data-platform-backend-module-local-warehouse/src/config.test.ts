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
