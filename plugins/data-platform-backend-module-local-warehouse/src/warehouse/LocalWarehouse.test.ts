import { TestDatabases } from '@backstage/backend-test-utils';
import {
  describePlan,
  DesiredResourceOf,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { createHmac } from 'node:crypto';
import { jsonValue } from '../__testUtils__/inspect';
import {
  outcomes,
  planAll,
  provisionAll,
  TEST_KEY,
  warehouseIn,
} from '../__testUtils__/provision';
import {
  songSkippedPlatform,
  warehouseResources,
} from '../__testUtils__/songSkippedPlatform';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The token a value becomes: HMAC-SHA256 with the key, as lowercase hex. */
const token = (value: string) =>
  createHmac('sha256', TEST_KEY).update(value).digest('hex');

const skip = {
  event_id: 'e1',
  event_time: '2026-03-01T12:00:00Z',
  user_id: 'listener-42',
  ip_address: '203.0.113.7',
  email: 'listener@example.com',
  ms_played: 12000,
  shuffle: true,
  moods: ['calm', 'focus'],
  context: {
    device: { os: 'ios', advertising_id: 'ad-1234' },
    country: 'SE',
  },
  queue: [{ track_id: 'tw:track:1', added_by: 'listener-7' }],
};

async function provisioned(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const { warehouse, provisioner } = await warehouseIn(knex);
  const platform = songSkippedPlatform();
  const resources = () => warehouseResources(platform);
  await provisionAll(provisioner, resources());
  const delivery = resources().find(
    r => r.type === 'delivery',
  ) as DesiredResourceOf<'delivery'>;
  const physical = warehouse.physicalTableName(delivery.spec.table);
  return {
    knex,
    warehouse,
    provisioner,
    platform,
    resources,
    delivery,
    physical,
  };
}

describe('LocalWarehouse.deliver', () => {
  it.each(databases.eachSupportedId())(
    'lands events through the generated transform: dropped fields gone, pseudonymized ones as tokens (%p)',
    async databaseId => {
      const { knex, warehouse, delivery, physical } = await provisioned(
        databaseId,
      );
      const withoutUser = { ...skip, event_id: 'e2', user_id: undefined };
      const report = await warehouse.deliver(delivery.id, [skip, withoutUser]);
      expect(report).toEqual({
        landed: 1,
        filtered: 0,
        refused: [
          { index: 1, message: 'user_id: a REQUIRED field has no value' },
        ],
      });

      const [row] = await knex(physical).select();
      expect(row).not.toHaveProperty('ip_address');
      expect(row.user_id).toBe(token('listener-42'));
      expect(row.user_id).not.toContain('listener');
      expect(row.email).toBe('listener@example.com'); // encrypt: not applied yet
      expect(Number(row.ms_played)).toBe(12000);
      expect(Boolean(row.shuffle)).toBe(true);
      expect(new Date(row.event_time).toISOString()).toBe(
        '2026-03-01T12:00:00.000Z',
      );
      expect(jsonValue(row.moods)).toEqual(['calm', 'focus']);
      expect(jsonValue(row.context)).toEqual({
        device: { os: 'ios' },
        country: 'SE',
      });
      expect(jsonValue(row.queue)).toEqual([
        { track_id: 'tw:track:1', added_by: token('listener-7') },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses values the columns cannot hold, naming the field (%p)',
    async databaseId => {
      const { warehouse, delivery } = await provisioned(databaseId);
      const report = await warehouse.deliver(delivery.id, [
        { ...skip, event_time: 'yesterday' },
        { ...skip, ms_played: 'a lot' },
        skip,
      ]);
      expect(report.landed).toBe(1);
      expect(report.refused).toEqual([
        {
          index: 0,
          message: 'event_time: "yesterday" is not a valid TIMESTAMP value',
        },
        { index: 1, message: 'ms_played: "a lot" is not a valid INT64 value' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the transform when a PII mark changes, and lands with the new one (%p)',
    async databaseId => {
      const {
        knex,
        warehouse,
        provisioner,
        platform,
        resources,
        delivery,
        physical,
      } = await provisioned(databaseId);
      const fields = platform.eventType.spec.schema.fields;
      fields.find(f => f.name === 'email')!.pii = 'drop';

      const { plans, results } = await provisionAll(provisioner, resources());
      expect(describePlan(plans.get(delivery.id)!)).toEqual([
        'set-transform transform: anonymization of revision 2: 3 dropped, 2 pseudonymized',
      ]);
      expect(outcomes(results.get(delivery.id))).toEqual([
        'set-transform transform: applied',
      ]);
      // The table keeps its email column: columns are never dropped.
      expect(
        (await planAll(provisioner, resources())).get(delivery.id),
      ).toMatchObject({ action: 'none' });

      await warehouse.deliver(delivery.id, [skip]);
      const [row] = await knex(physical).select('email');
      expect(row.email).toBeNull();
    },
  );

  it.each(databases.eachSupportedId())(
    'says which delivery or table is missing (%p)',
    async databaseId => {
      const { knex, warehouse, delivery, physical } = await provisioned(
        databaseId,
      );
      await expect(
        warehouse.deliver('delivery:tunewave-events/nothing', [skip]),
      ).rejects.toThrow(
        'delivery:tunewave-events/nothing is not a delivery of the local warehouse',
      );
      await knex.schema.dropTable(physical);
      await expect(warehouse.deliver(delivery.id, [skip])).rejects.toThrow(
        `${delivery.id} delivers into tunewave-raw.events.song_skipped, which is not in the local warehouse`,
      );
    },
  );
});
