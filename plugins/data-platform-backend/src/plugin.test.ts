import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { dataPlatformPlugin } from './plugin';
import { runEvent } from './services/OpenLineage/__fixtures__/events';

jest.setTimeout(60_000);

const apiVersion = 'dataplatform.io/v1alpha1';
const entities: Entity[] = [
  {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name: 'plays-raw', namespace: 'default', etag: '1' },
    spec: {
      type: 'pubsub-topic',
      owner: 'listening',
      lifecycle: 'production',
      location: { project: 'acme-events', topic: 'plays' },
    },
  },
  {
    apiVersion,
    kind: 'Pipeline',
    metadata: { name: 'ingest-plays', namespace: 'default', etag: '1' },
    spec: {
      owner: 'listening',
      lifecycle: 'production',
      engine: 'dataflow',
      schedule: { type: 'streaming' },
      inputs: ['plays-raw'],
      outputs: ['plays-hourly'],
    },
  },
];

describe('data-platform backend plugin', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        catalogServiceMock.factory({ entities }),
        // Runs each scheduled task once at startup: the catalog sync included.
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    }));
  });

  it('serves the lineage the catalog declares once the sync has run', async () => {
    const response = await request(server).get(
      '/api/data-platform/lineage/graph?node=pipeline:default/ingest-plays&direction=both',
    );
    expect(response.status).toBe(200);
    expect(response.body.edges).toEqual(
      expect.arrayContaining([
        {
          from: 'dataendpoint:default/plays-raw',
          to: 'pipeline:default/ingest-plays',
          source: 'declared',
        },
        {
          from: 'pipeline:default/ingest-plays',
          to: 'dataendpoint:default/plays-hourly',
          source: 'declared',
        },
      ]),
    );
    // Declared but not in the catalog: shown, marked unregistered.
    const hourly = response.body.nodes.find(
      (n: { id: string }) => n.id === 'dataendpoint:default/plays-hourly',
    );
    expect(hourly).toMatchObject({ registered: false, depth: 1 });
  });

  it('names the bad parameter in a 400', async () => {
    const response = await request(server).get(
      '/api/data-platform/lineage/graph?node=pipeline:default/ingest-plays&depth=99&direction=sideways',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('direction');
    expect(response.body.error.message).toContain('depth');
  });

  it('answers 404 for an unknown node', async () => {
    const response = await request(server).get(
      '/api/data-platform/lineage/graph?node=pipeline:default/nope',
    );
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('pipeline:default/nope');
  });

  it('rebuilds what it derives from the OpenLineage events it took', async () => {
    const ingested = await request(server)
      .post('/api/data-platform/openlineage/api/v1/lineage')
      .send([
        runEvent({ eventType: 'START', eventTime: '2026-11-26T10:00:00Z' }),
        runEvent({ eventType: 'COMPLETE', eventTime: '2026-11-26T10:04:00Z' }),
      ]);
    expect(ingested.status).toBe(200);

    const rebuilt = await request(server).post(
      '/api/data-platform/openlineage/rebuild',
    );
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toEqual({ events: 2 });
  });

  it('requires credentials', async () => {
    const response = await request(server)
      .get('/api/data-platform/lineage/search?q=plays')
      .set('authorization', 'Bearer not-a-valid-token');
    expect(response.status).toBe(401);
  });
});
