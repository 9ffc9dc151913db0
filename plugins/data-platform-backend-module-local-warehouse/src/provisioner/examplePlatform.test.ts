import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { examplePlatform } from '../__testUtils__/examplePlatform';
import { planAll, provisionAll, warehouseIn } from '../__testUtils__/provision';
import { warehouseResources } from '../__testUtils__/songSkippedPlatform';
import { demoDefectOf } from '../demo/demoDefects';
import { landDemoEvents } from '../demo/landDemoEvents';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe('the example platform in the local warehouse', () => {
  it.each(databases.eachSupportedId())(
    'is provisioned whole, then in sync, and the demo lands events in every delivered table (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { warehouse, provisioner } = await warehouseIn(knex);
      const resources = warehouseResources(examplePlatform());
      const deliveries = resources.filter(r => r.type === 'delivery');
      expect(deliveries.length).toBeGreaterThan(5);

      const { results } = await provisionAll(provisioner, resources);
      const failed = [...results.values()]
        .flat()
        .filter(r => r.status !== 'applied');
      expect(failed).toEqual([]);
      expect(results.size).toBe(resources.length);
      for (const plan of (await planAll(provisioner, resources)).values()) {
        expect(plan).toMatchObject({ action: 'none', refusals: [] });
      }

      // A time whose hour, day and month partitions have no demo defect
      // (a thin partition lands a tenth of its events).
      const now = new Date('2026-01-14T12:30:00Z');
      for (const granularity of ['HOUR', 'DAY', 'MONTH'] as const) {
        expect(demoDefectOf(now, granularity)).toBeUndefined();
      }
      const logger = mockServices.logger.mock();
      const landed = await landDemoEvents(warehouse, {
        logger,
        now,
        eventsPerDelivery: 3,
        backfillHours: 0,
      });
      expect(logger.warn).not.toHaveBeenCalled();
      expect(landed).toBe(3 * deliveries.length);
    },
  );
});
