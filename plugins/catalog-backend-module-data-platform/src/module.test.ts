import { resolve as resolvePath } from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import request from 'supertest';
import catalogModuleDataPlatform from '.';

jest.setTimeout(90_000);

/** Hands entities to the catalog the way an ingestion provider does. */
class TestEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  getProviderName() {
    return 'data-platform-test-provider';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  async apply(entities: Entity[]) {
    const annotated = entities.map(entity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          'backstage.io/managed-by-location': 'url:https://example.com/x.yaml',
          'backstage.io/managed-by-origin-location':
            'url:https://example.com/x.yaml',
        },
      },
    }));
    await this.connection!.applyMutation({
      type: 'full',
      entities: annotated.map(entity => ({ entity })),
    });
  }
}

/** Retries `check` until it stops throwing; catalog processing is asynchronous. */
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

function searchPerformed(fieldType: string): Entity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'EventType',
    metadata: { name: 'search-performed' },
    spec: {
      owner: 'search',
      lifecycle: 'production',
      schema: {
        revision: 1,
        fields: [
          { name: 'query', type: 'STRING', pii: 'drop' },
          { name: 'results', type: fieldType },
        ],
      },
      delivery: { partitioning: 'DAY', retentionDays: 30 },
    },
  };
}

describe('catalogModuleDataPlatform in a catalog backend', () => {
  const provider = new TestEntityProvider();
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataPlatform,
        catalogModuleUnprocessedEntities,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'data-platform-test-provider',
          register(reg) {
            reg.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.addEntityProvider(provider);
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
              rules: [
                {
                  allow: [
                    'Component',
                    'Group',
                    'System',
                    'Location',
                    'EventType',
                    'Pipeline',
                    'DataEndpoint',
                  ],
                },
              ],
              locations: [
                {
                  type: 'file',
                  target: resolvePath(
                    __dirname,
                    '__fixtures__/listening-platform.yaml',
                  ),
                },
              ],
            },
          },
        }),
      ],
    });
    server = backend.server;
  });

  const getEntity = async (kind: string, name: string) => {
    const response = await request(server).get(
      `/api/catalog/entities/by-name/${kind}/default/${name}`,
    );
    expect(response.status).toBe(200);
    return response.body as AlphaEntity;
  };

  const relationsOf = (entity: Entity) =>
    (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

  it('stores the data platform entities with relations on both sides', async () => {
    const pipeline = await eventually(async () => {
      const entity = await getEntity('pipeline', 'aggregate-plays-hourly');
      expect(entity.relations).toHaveLength(4);
      return entity;
    });
    expect(relationsOf(pipeline)).toEqual([
      'ownedBy group:default/listening-insights',
      'partOf system:default/listening-history',
      'readsFrom dataendpoint:default/track-played-topic',
      'writesTo dataendpoint:default/plays-hourly',
    ]);

    await eventually(async () => {
      const topic = await getEntity('dataendpoint', 'track-played-topic');
      expect(relationsOf(topic)).toEqual([
        'hasEventType eventtype:default/track-played',
        'ownedBy group:default/playback',
        'partOf system:default/listening-history',
        'readBy pipeline:default/aggregate-plays-hourly',
      ]);
      const table = await getEntity('dataendpoint', 'plays-hourly');
      expect(relationsOf(table)).toContain(
        'writtenBy pipeline:default/aggregate-plays-hourly',
      );
      const eventType = await getEntity('eventtype', 'track-played');
      expect(relationsOf(eventType)).toEqual([
        'eventTypeOf dataendpoint:default/track-played-topic',
        'ownedBy group:default/playback',
        'partOf system:default/listening-history',
        'producedBy component:default/ios-client',
      ]);
    });

    // The stock kinds carry the reverse relations, so their pages show them.
    await eventually(async () => {
      const component = await getEntity('component', 'ios-client');
      expect(relationsOf(component)).toContain(
        'producerOf eventtype:default/track-played',
      );
      const team = await getEntity('group', 'listening-insights');
      expect(relationsOf(team)).toEqual(
        expect.arrayContaining([
          'ownerOf dataendpoint:default/plays-hourly',
          'ownerOf pipeline:default/aggregate-plays-hourly',
        ]),
      );
      const system = await getEntity('system', 'listening-history');
      expect(relationsOf(system)).toEqual(
        expect.arrayContaining([
          'hasPart eventtype:default/track-played',
          'hasPart pipeline:default/aggregate-plays-hourly',
          'hasPart dataendpoint:default/track-played-topic',
        ]),
      );
    });
  });

  it('keeps a bad entity out of the catalog with an error naming the field', async () => {
    // An entity that never passed processing has no catalog page; the
    // catalog's unprocessed-entities view lists it with its errors.
    const failure = await eventually(async () => {
      const response = await request(server).get(
        '/api/catalog/entities/unprocessed/pending',
      );
      expect(response.status).toBe(200);
      const entry = response.body.entities.find(
        (e: { unprocessed_entity: Entity }) =>
          e.unprocessed_entity.metadata.name === 'skip-pressed',
      );
      expect(entry?.errors).toHaveLength(1);
      return entry;
    });
    expect(failure.errors[0]).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'EventType "skip-pressed": spec.schema.fields[1].type: must be one of: STRING,',
      ),
    });

    const response = await request(server).get(
      '/api/catalog/entities/by-name/eventtype/default/skip-pressed',
    );
    expect(response.status).toBe(404);
    // Its good neighbours from the same file are there.
    await getEntity('eventtype', 'track-played');
  });

  it('keeps the last good version of an entity that turns bad, and shows the error on it', async () => {
    await provider.apply([searchPerformed('INT64')]);
    await eventually(async () => {
      const entity = await getEntity('eventtype', 'search-performed');
      expect(entity.status?.items ?? []).toEqual([]);
    });

    await provider.apply([searchPerformed('INTEGER')]);
    const broken = await eventually(async () => {
      const entity = await getEntity('eventtype', 'search-performed');
      expect(entity.status?.items).toHaveLength(1);
      return entity;
    });
    // This is what the entity page's processing-errors panel shows.
    expect(broken.status!.items![0]).toMatchObject({
      type: 'backstage.io/catalog-processing',
      level: 'error',
      message: expect.stringContaining(
        'EventType "search-performed": spec.schema.fields[1].type: must be one of:',
      ),
    });
    expect((broken.spec as any).schema.fields[1].type).toBe('INT64');

    await provider.apply([searchPerformed('FLOAT64')]);
    await eventually(async () => {
      const fixed = await getEntity('eventtype', 'search-performed');
      expect(fixed.status?.items ?? []).toEqual([]);
      expect((fixed.spec as any).schema.fields[1].type).toBe('FLOAT64');
    });
  });

  it('stamps when a definition last changed, keeps the stamp while it stays, and orders by it', async () => {
    const stampOf = (entity: Entity) =>
      entity.metadata.annotations?.['dataplatform.io/changed-at'];
    await provider.apply([searchPerformed('INT64')]);
    const first = await eventually(async () => {
      const entity = await getEntity('eventtype', 'search-performed');
      expect((entity.spec as any).schema.fields[1].type).toBe('INT64');
      expect(stampOf(entity)).toBeDefined();
      return entity;
    });

    // Reprocessed every second; an unchanged definition keeps stamp and etag.
    await new Promise(resolve => setTimeout(resolve, 3_000));
    const later = await getEntity('eventtype', 'search-performed');
    expect(stampOf(later)).toBe(stampOf(first));
    expect(later.metadata.etag).toBe(first.metadata.etag);

    await provider.apply([searchPerformed('FLOAT64')]);
    const edited = await eventually(async () => {
      const entity = await getEntity('eventtype', 'search-performed');
      expect((entity.spec as any).schema.fields[1].type).toBe('FLOAT64');
      return entity;
    });
    expect(stampOf(edited)! > stampOf(first)!).toBe(true);

    const newestFirst = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({
        filter: 'kind=eventtype,kind=pipeline,kind=dataendpoint',
        orderField: 'metadata.annotations.dataplatform.io/changed-at,desc',
        fields: 'metadata.name,metadata.annotations.dataplatform.io/changed-at',
        limit: 1,
      });
    expect(newestFirst.status).toBe(200);
    expect(newestFirst.body.items).toEqual([
      {
        metadata: {
          name: 'search-performed',
          annotations: { 'dataplatform.io/changed-at': stampOf(edited) },
        },
      },
    ]);
  });
});
