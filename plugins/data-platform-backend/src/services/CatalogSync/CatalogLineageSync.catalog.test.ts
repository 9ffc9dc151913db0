import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogService,
  catalogServiceRef,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import catalogModuleDataPlatform from '@dataplatform/backstage-plugin-catalog-backend-module-data-platform';
import knexFactory from 'knex';
import { migrateClient } from '../../database/migrations';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../LineageIndex/LineageQueries';
import {
  entityProviderModule,
  providedEntity,
} from './__testUtils__/entityProviderModule';
import { CatalogLineageSync } from './CatalogLineageSync';

jest.setTimeout(90_000);

const apiVersion = 'dataplatform.io/v1alpha1';
const endpoint = (name: string): Entity => ({
  apiVersion,
  kind: 'DataEndpoint',
  metadata: { name },
  spec: {
    type: 'bigquery-table',
    owner: 'group:default/insights',
    lifecycle: 'production',
    location: {
      project: 'acme-data',
      dataset: 'music',
      table: name.replace(/-/g, '_'),
    },
  },
});
const pipeline = (title: string): Entity => ({
  apiVersion,
  kind: 'Pipeline',
  metadata: { name: 'aggregate-plays', title },
  spec: {
    owner: 'group:default/insights',
    lifecycle: 'production',
    engine: 'bigquery',
    schedule: { type: 'daily' },
    inputs: ['plays-raw'],
    outputs: ['plays-daily'],
  },
});

/**
 * The lineage sync against Backstage's own catalog (with the data-platform
 * catalog module stamping entities): the queries it makes of the catalog are
 * the real ones, not an in-memory stand-in's.
 */
describe('catalog lineage sync against a catalog backend', () => {
  let catalog: CatalogService;
  let connection: EntityProviderConnection;
  let sync: CatalogLineageSync;
  let queries: LineageQueries;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const provider = entityProviderModule('sync-test', [
      endpoint('plays-raw'),
      endpoint('plays-daily'),
      pipeline('Aggregate plays'),
    ]);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataPlatform,
        provider.module,
        createBackendPlugin({
          pluginId: 'sync-test-client',
          register(reg) {
            reg.registerInit({
              deps: { service: catalogServiceRef },
              async init({ service }) {
                catalog = service;
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
              rules: [{ allow: ['Component', 'Pipeline', 'DataEndpoint'] }],
            },
          },
        }),
      ],
    });
    stop = () => backend.stop();
    connection = await provider.connection;

    const db = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await migrateClient(db);
    queries = new LineageQueries(db);
    sync = new CatalogLineageSync({
      catalog,
      auth: mockServices.auth(),
      store: new DatabaseLineageStore(db),
      logger: mockServices.logger.mock(),
      defaultJobNamespace: 'airflow',
    });
  });

  afterAll(() => stop());

  /** Waits until the catalog serves `ref` as `check` wants: processing is asynchronous. */
  async function whenServed(
    ref: string,
    check: (entity: Entity | undefined) => boolean,
  ) {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const entity = await catalog.getEntityByRef(ref, {
        credentials: mockCredentials.service(),
      });
      if (check(entity)) return;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error(`The catalog did not serve ${ref} as expected in a minute`);
  }

  it('lists everything first, then reads only what the stamps say changed', async () => {
    // Stamped, and stitched with the relations each gets from the others.
    const relatedBy = (entity: Entity | undefined, type: string) =>
      !!entity?.relations?.some(r => r.type === type);
    await whenServed(
      'pipeline:default/aggregate-plays',
      entity =>
        !!entity?.metadata.annotations?.['dataplatform.io/changed-at'] &&
        relatedBy(entity, 'writesTo'),
    );
    await whenServed('dataendpoint:default/plays-raw', entity =>
      relatedBy(entity, 'readBy'),
    );
    await whenServed('dataendpoint:default/plays-daily', entity =>
      relatedBy(entity, 'writtenBy'),
    );
    expect(await sync.run()).toMatchObject({ mode: 'full', updated: 3 });
    expect(await sync.run()).toMatchObject({ mode: 'changes', updated: 0 });

    await connection.applyMutation({
      type: 'delta',
      added: [providedEntity(pipeline('Aggregate plays, daily'), 'sync-test')],
      removed: [],
    });
    await whenServed(
      'pipeline:default/aggregate-plays',
      entity => entity?.metadata.title === 'Aggregate plays, daily',
    );
    // All three were stamped in the last minutes, so all are in the window;
    // only the edited one is fetched whole.
    const fetch = jest.spyOn(catalog, 'getEntitiesByRefs');
    expect(await sync.run()).toEqual({
      mode: 'changes',
      seen: 3,
      updated: 1,
      removed: 0,
    });
    expect(fetch.mock.calls.map(([request]) => request.entityRefs)).toEqual([
      ['pipeline:default/aggregate-plays'],
    ]);
    fetch.mockRestore();
    expect(
      (await queries.resolve('pipeline:default/aggregate-plays')).title,
    ).toBe('Aggregate plays, daily');
  });

  it('notices a removal by the count and lists everything to find it', async () => {
    await connection.applyMutation({
      type: 'delta',
      added: [],
      removed: [
        {
          entityRef: 'dataendpoint:default/plays-raw',
          locationKey: 'sync-test',
        },
      ],
    });
    await whenServed('dataendpoint:default/plays-raw', entity => !entity);
    expect(await sync.run()).toEqual({
      mode: 'full',
      seen: 2,
      updated: 0,
      removed: 1,
    });
    expect(await sync.run()).toMatchObject({ mode: 'changes' });
  });
});
