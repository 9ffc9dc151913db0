import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  dataPlatformOpenLineageExtensionPoint,
  dataPlatformProvisioningExtensionPoint,
  dataPlatformQualityExtensionPoint,
  Provisioner,
  QualityRunner,
} from '@dataplatform/backstage-plugin-data-platform-node';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provisionAll, warehouseIn } from './__testUtils__/provision';
import { demoDefectOf, thinPartitionLands } from './demo/demoDefects';
import { partitionStart } from './warehouse/partitionTime';
import {
  songSkippedPlatform,
  warehouseResources,
} from './__testUtils__/songSkippedPlatform';
import localWarehouseModule from '.';

jest.setTimeout(60_000);

describe('the local warehouse module', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-warehouse-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function start(localWarehouse: object) {
    const addProvisioner = jest.fn();
    const addRunner = jest.fn();
    const addHandler = jest.fn();
    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      extensionPoints: [
        [dataPlatformProvisioningExtensionPoint, { addProvisioner }],
        [dataPlatformQualityExtensionPoint, { addRunner }],
        [dataPlatformOpenLineageExtensionPoint, { addHandler }],
      ],
      features: [
        localWarehouseModule,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: { dataPlatform: { localWarehouse } },
        }),
      ],
    });
    const task = (id: string) =>
      scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id)?.[0];
    return { backend, addProvisioner, addRunner, addHandler, task };
  }

  it('adds its provisioner through the extension point and schedules the retention', async () => {
    const { backend, addProvisioner, addHandler, task } = await start({});
    expect(addProvisioner).toHaveBeenCalledTimes(1);
    const provisioner: Provisioner = addProvisioner.mock.calls[0][0];
    expect(provisioner).toMatchObject({
      id: 'local-warehouse',
      title: 'the local warehouse',
      resourceTypes: ['bigquery-dataset', 'bigquery-table', 'delivery'],
      capabilities: { title: 'the local warehouse' },
    });
    expect(task('data-platform-local-warehouse-retention')).toMatchObject({
      scope: 'global',
      frequency: { hours: 1 },
    });
    // Off unless the demo is on: nothing lands rows for completed runs.
    expect(task('data-platform-local-warehouse-demo-delivery')).toBeUndefined();
    expect(addHandler).not.toHaveBeenCalled();
    expect(
      task('data-platform-local-warehouse-demo-run-outputs'),
    ).toBeUndefined();
    await backend.stop();
  });

  it('adds its quality runner, which learns of tables another instance provisions', async () => {
    const filename = path.join(dir, 'warehouse.sqlite');
    const { backend, addRunner, task } = await start({
      database: { connection: filename },
    });
    expect(addRunner).toHaveBeenCalledTimes(1);
    const runner: QualityRunner = addRunner.mock.calls[0][0];
    expect(runner).toMatchObject({
      id: 'local-warehouse',
      title: 'the local warehouse',
      dialect: 'sqlite',
    });
    const refresh = task('data-platform-local-warehouse-held-tables')!;
    expect(refresh).toMatchObject({
      scope: 'local',
      frequency: { minutes: 1 },
    });

    // Another instance (here: another warehouse on the same file) provisions.
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    try {
      const { provisioner } = await warehouseIn(knex);
      await provisionAll(
        provisioner,
        warehouseResources(songSkippedPlatform()),
      );
    } finally {
      await knex.destroy();
    }
    const table = {
      endpointRef: 'dataendpoint:default/song-skipped-raw',
      address: {
        project: 'tunewave-raw',
        dataset: 'events',
        table: 'song_skipped',
      },
      fields: [],
    };
    expect(runner.handles(table)).toBe(false);
    await refresh.fn(new AbortController().signal);
    expect(runner.handles(table)).toBe(true);
    await backend.stop();
  });

  it('provisions into the configured database, where the demo delivery lands events', async () => {
    const filename = path.join(dir, 'warehouse.sqlite');
    const { backend, addProvisioner, addHandler, task } = await start({
      database: { connection: filename },
      demoDelivery: { enabled: true },
      retention: { interval: '10 minutes' },
    });
    const provisioner: Provisioner = addProvisioner.mock.calls[0][0];
    const resources = warehouseResources(songSkippedPlatform());
    const { results } = await provisionAll(provisioner, resources);
    expect(results.size).toBe(3);

    const demo = task('data-platform-local-warehouse-demo-delivery')!;
    expect(demo).toMatchObject({ scope: 'global', frequency: { minutes: 1 } });
    // The demo's pipelines write their outputs when their runs complete.
    expect(addHandler).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'local-warehouse-demo-run-outputs' }),
    );
    expect(
      task('data-platform-local-warehouse-demo-run-outputs'),
    ).toMatchObject({ scope: 'local', frequency: { minutes: 1 } });
    expect(task('data-platform-local-warehouse-retention')).toMatchObject({
      frequency: { minutes: 10 },
    });
    const before = new Date();
    await demo.fn(new AbortController().signal);
    // A thin partition of the demo takes every tenth minute's events only.
    const rows = [before, new Date()].map(at =>
      demoDefectOf(partitionStart(at, 'HOUR'), 'HOUR') === 'thin-partition' &&
      !thinPartitionLands(at)
        ? 0
        : 5,
    );
    await task('data-platform-local-warehouse-retention')!.fn(
      new AbortController().signal,
    );
    await backend.stop();

    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    try {
      const [table] = await knex('warehouse_tables').pluck('physical_name');
      // The hour the demo ran in holds one minute's events; the hours
      // before it are the backfill a table without history gets at once.
      const hourStart = partitionStart(before, 'HOUR').toISOString();
      const [{ current }] = await knex(table)
        .where('event_time', '>=', hourStart)
        .count({ current: '*' });
      const [{ earlier }] = await knex(table)
        .where('event_time', '<', hourStart)
        .count({ earlier: '*' });
      expect(rows).toContain(current);
      expect(earlier).toBeGreaterThan(0);
    } finally {
      await knex.destroy();
    }
  });
});
