import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  describePlan,
  DesiredResourceOf,
  planResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { indexNames } from '../__testUtils__/inspect';
import {
  outcomes,
  planAll,
  provisionAll,
  warehouseIn,
} from '../__testUtils__/provision';
import {
  songSkippedPlatform,
  warehouseResources,
} from '../__testUtils__/songSkippedPlatform';
import { normalizeSqlType } from '../warehouse/dialects';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const { warehouse, provisioner } = await warehouseIn(knex);
  const platform = songSkippedPlatform();
  const resources = () => warehouseResources(platform);
  const table = resources().find(
    r => r.type === 'bigquery-table',
  ) as DesiredResourceOf<'bigquery-table'>;
  const physical = warehouse.physicalTableName(table.spec);
  const columns = async () =>
    ((await warehouse.columns([physical])).get(physical) ?? []).map(
      c =>
        `${c.name} ${normalizeSqlType(c.sqlType)}${
          c.notNull ? ' not null' : ''
        }`,
    );
  return {
    knex,
    warehouse,
    provisioner,
    platform,
    resources,
    table,
    physical,
    columns,
  };
}

const COLUMNS = {
  SQLITE_3: [
    'event_id text not null',
    'event_time timestamp not null',
    'user_id text not null',
    'email text',
    'ms_played integer',
    'shuffle boolean',
    'moods text',
    'context text not null',
    'queue text',
  ],
  POSTGRES_15: [
    'event_id text not null',
    'event_time timestamp with time zone not null',
    'user_id text not null',
    'email text',
    'ms_played bigint',
    'shuffle boolean',
    'moods jsonb',
    'context jsonb not null',
    'queue jsonb',
  ],
};

describe('LocalWarehouseProvisioner', () => {
  it.each(databases.eachSupportedId())(
    'creates real tables with the endpoint’s columns, then plans nothing (%p)',
    async databaseId => {
      const { provisioner, resources, table, columns } = await setUp(
        databaseId,
      );
      const { plans, results } = await provisionAll(provisioner, resources());
      expect([...plans.values()].map(p => `${p.type} ${p.action}`)).toEqual([
        'bigquery-dataset create',
        'bigquery-table create',
        'delivery create',
      ]);
      expect(plans.get(table.id)!.notes).toEqual([
        'access (spec.access) is not enforced by the local warehouse',
        'require partition filter is recorded, not enforced by the local warehouse',
      ]);
      const [delivery] = [...plans.values()].filter(p => p.type === 'delivery');
      expect(delivery.notes).toEqual([
        'the local warehouse has no Pub/Sub: with demoDelivery on, this delivery lands generated sample events through the same anonymization, not topic messages',
      ]);
      expect([...results.values()].flatMap(outcomes)).toEqual([
        'create bigquery-dataset: applied',
        'create bigquery-table: applied',
        'create delivery: applied',
      ]);
      // Dropped fields have no column; RECORD and REPEATED ones are JSON.
      expect(await columns()).toEqual(
        COLUMNS[databaseId as keyof typeof COLUMNS],
      );

      const observed = await provisioner.observe(resources(), {
        logger: mockServices.logger.mock(),
      });
      const { access: _access, ...spec } = table.spec;
      expect(observed.get(table.id)!.spec).toEqual(spec);
      const after = await planAll(provisioner, resources());
      for (const plan of after.values()) {
        expect(plan).toMatchObject({
          action: 'none',
          changes: [],
          refusals: [],
        });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'takes an existing table on create as success and keeps its rows (%p)',
    async databaseId => {
      const { knex, provisioner, resources, table, physical } = await setUp(
        databaseId,
      );
      await provisionAll(provisioner, resources());
      await knex(physical).insert({
        event_id: 'e1',
        event_time: '2026-03-01T12:00:00.000Z',
        user_id: 'token',
        context: JSON.stringify({ device: { os: 'ios' } }),
      });
      // A retry of a create whose answer was lost.
      const again = await provisioner.apply({
        desired: table,
        plan: planResource(table, undefined, provisioner.capabilities),
        logger: mockServices.logger.mock(),
      });
      expect(outcomes(again.results)).toEqual([
        'create bigquery-table: applied (already existed)',
      ]);
      expect(await knex(physical).count({ rows: '*' })).toEqual([
        { rows: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'adds a column the catalog adds, at the top or inside a RECORD (%p)',
    async databaseId => {
      const { provisioner, platform, resources, table, columns, warehouse } =
        await setUp(databaseId);
      await provisionAll(provisioner, resources());
      const fields = platform.eventType.spec.schema.fields;
      fields.push({ name: 'reason', type: 'STRING', description: 'Why.' });
      fields
        .find(f => f.name === 'context')!
        .fields!.push({ name: 'network', type: 'STRING' });

      const { plans, results } = await provisionAll(provisioner, resources());
      expect(describePlan(plans.get(table.id)!)).toEqual([
        'add-column columns.context.network: added (NULLABLE STRING)',
        'add-column columns.reason: added (NULLABLE STRING)',
      ]);
      expect(outcomes(results.get(table.id))).toEqual([
        'add-column columns.context.network: applied',
        'add-column columns.reason: applied',
      ]);
      expect(await columns()).toContain('reason text');
      const recorded = await warehouse.table(table.spec);
      expect(
        recorded!.fields.find(f => f.name === 'context')!.fields,
      ).toContainEqual({ name: 'network', type: 'STRING' });

      const after = await planAll(provisioner, resources());
      expect(after.get(table.id)).toMatchObject({ action: 'none' });
    },
  );

  it.each(databases.eachSupportedId())(
    'shows a column added by hand, which the plan refuses to drop (%p)',
    async databaseId => {
      const { knex, provisioner, resources, table, physical } = await setUp(
        databaseId,
      );
      await provisionAll(provisioner, resources());
      await knex.schema.alterTable(physical, t => t.text('note'));

      const plan = (await planAll(provisioner, resources())).get(table.id)!;
      expect(plan.action).toBe('none');
      expect(plan.refusals).toEqual([
        {
          field: 'columns.note',
          source: 'spec.schema: note',
          description: 'removed (NULLABLE STRING)',
          rule: 'a column is never dropped; it stays in the table',
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'widens REQUIRED columns to NULLABLE in place, keeping the indexes (%p)',
    async databaseId => {
      const {
        knex,
        provisioner,
        platform,
        resources,
        table,
        physical,
        columns,
      } = await setUp(databaseId);
      await provisionAll(provisioner, resources());
      const indexes = await indexNames(knex, physical);
      expect(indexes).toHaveLength(2); // partition column, clustering column

      const fields = platform.eventType.spec.schema.fields;
      fields.find(f => f.name === 'event_id')!.mode = 'NULLABLE';
      const device = fields.find(f => f.name === 'context')!.fields![0];
      device.fields!.find(f => f.name === 'os')!.mode = 'NULLABLE';
      const { plans, results } = await provisionAll(provisioner, resources());
      expect(describePlan(plans.get(table.id)!)).toEqual([
        'relax-mode columns.event_id: mode REQUIRED -> NULLABLE',
        'relax-mode columns.context.device.os: mode REQUIRED -> NULLABLE',
      ]);
      expect(results.get(table.id)!.map(r => r.status)).toEqual([
        'applied',
        'applied',
      ]);
      expect(await columns()).toContain('event_id text');
      expect(await indexNames(knex, physical)).toEqual(indexes);
      await knex(physical).insert({
        event_time: '2026-03-01T12:00:00.000Z',
        user_id: 'token',
        context: '{}',
      });

      const after = await planAll(provisioner, resources());
      expect(after.get(table.id)).toMatchObject({ action: 'none' });
    },
  );

  it.each(databases.eachSupportedId())(
    'reports a change it cannot make as failed and applies the others (%p)',
    async databaseId => {
      const { provisioner, platform, resources, table } = await setUp(
        databaseId,
      );
      // Without its dataset, the table cannot be created.
      const alone = await provisioner.apply({
        desired: table,
        plan: planResource(table, undefined, provisioner.capabilities),
        logger: mockServices.logger.mock(),
      });
      expect(outcomes(alone.results)).toEqual([
        'create bigquery-table: failed (the dataset tunewave-raw.events is not in the local warehouse: apply bigquery-dataset:tunewave-raw.events first)',
      ]);

      await provisionAll(provisioner, resources());
      platform.eventType.spec.schema.fields.push({
        name: 'reason',
        type: 'STRING',
      });
      platform.raw.spec.partitioning!.keys = ['user_id', 'skip_source'];
      platform.raw.spec.retentionDays = 30;
      const { results } = await provisionAll(provisioner, resources());
      expect(outcomes(results.get(table.id))).toEqual([
        'add-column columns.reason: applied',
        'set-clustering clustering: failed (the clustering column skip_source is not a column of tunewave-raw.events.song_skipped: add it to the schema or change spec.partitioning.keys)',
        'set-partition-expiration partitionExpiration: applied',
      ]);

      const after = await planAll(provisioner, resources());
      expect(describePlan(after.get(table.id)!)).toEqual([
        'set-clustering clustering: clustering [user_id] -> [user_id, skip_source]',
      ]);
    },
  );

  // What someone did by hand that the database then holds against relaxing
  // event_id, and the database's reason.
  const HAND_MADE = {
    POSTGRES_15: {
      sql: 'ALTER TABLE ?? ADD PRIMARY KEY (event_id)',
      reason: 'column "event_id" is in a primary key',
    },
    SQLITE_3: {
      // SQLite relaxes by copying the table, which a view on it prevents.
      sql: 'CREATE VIEW skips_by_hand AS SELECT event_id FROM ??',
      reason: 'error in view skips_by_hand: no such table: main.',
    },
  };

  it.each(databases.eachSupportedId())(
    'rolls back alone a change the database refuses, and says why without the SQL (%p)',
    async databaseId => {
      const {
        knex,
        provisioner,
        platform,
        resources,
        table,
        physical,
        columns,
      } = await setUp(databaseId);
      await provisionAll(provisioner, resources());
      const handMade = HAND_MADE[databaseId as keyof typeof HAND_MADE];
      await knex.raw(handMade.sql, [physical]);
      const fields = platform.eventType.spec.schema.fields;
      fields.find(f => f.name === 'event_id')!.mode = 'NULLABLE';
      fields.push({ name: 'reason', type: 'STRING' });

      const { results } = await provisionAll(provisioner, resources());
      expect(outcomes(results.get(table.id))).toEqual([
        `relax-mode columns.event_id: failed (the local warehouse's database refused the change: ${
          handMade.reason
        }${databaseId === 'SQLITE_3' ? physical : ''})`,
        'add-column columns.reason: applied',
      ]);
      const after = await columns();
      expect(after).toContain('reason text');
      expect(after[0]).toMatch(/^event_id text not null$/);
    },
  );

  it.each(databases.eachSupportedId())(
    'observes any number of tables in four queries (%p)',
    async databaseId => {
      const { knex, provisioner, platform, resources } = await setUp(
        databaseId,
      );
      for (const name of ['a', 'b', 'c', 'd']) {
        platform.endpoints.push({
          ...platform.raw,
          metadata: { ...platform.raw.metadata, name: `song-skipped-${name}` },
          spec: {
            ...platform.raw.spec,
            location: { ...platform.raw.spec.location, table: `skips_${name}` },
          },
        });
      }
      expect(resources().filter(r => r.type === 'bigquery-table')).toHaveLength(
        5,
      );
      await provisionAll(provisioner, resources());

      let queries = 0;
      const count = () => queries++;
      knex.on('query', count);
      const observed = await provisioner.observe(resources(), {
        logger: mockServices.logger.mock(),
      });
      knex.off('query', count);
      expect(observed.size).toBe(resources().length);
      // Datasets, table metadata, the column catalog, deliveries.
      expect(queries).toBe(4);
    },
  );
});
