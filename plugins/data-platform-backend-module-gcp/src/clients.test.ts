import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { http, json, presetAuth } from './__testUtils__/googleApis';
import {
  bigQueryOptions,
  createGoogleClients,
  pubSubClientConfig,
  pubSubOptions,
} from './clients';

const ENV = [
  'PUBSUB_EMULATOR_HOST',
  'CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB',
  'BIGQUERY_EMULATOR_HOST',
];

const server = setupServer();
registerMswTestHooks(server);

describe("the Google clients' options", () => {
  const saved = Object.fromEntries(ENV.map(name => [name, process.env[name]]));
  beforeEach(() => ENV.forEach(name => delete process.env[name]));
  afterAll(() =>
    ENV.forEach(name => {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }),
  );

  it("talks gRPC to Google with the clients' own retries off", () => {
    expect(pubSubOptions({ projectId: 'tunewave-events' })).toEqual({
      projectId: 'tunewave-events',
    });
    const config = pubSubClientConfig({ projectId: 'tunewave-events' });
    expect(config).not.toHaveProperty('servicePath');
    expect(config).not.toHaveProperty('sslCreds');
    expect(config).not.toHaveProperty('fallback');
    expect(bigQueryOptions('tunewave-raw', {})).toEqual({
      projectId: 'tunewave-raw',
      retryOptions: { autoRetry: false },
    });
  });

  it('points every Pub/Sub client at the emulator when PUBSUB_EMULATOR_HOST is set', () => {
    process.env.PUBSUB_EMULATOR_HOST = 'localhost:8085';

    const config = pubSubClientConfig({ projectId: 'tunewave-events' });
    expect(config).toMatchObject({ servicePath: 'localhost', port: 8085 });
    expect(config!.sslCreds).toBeDefined(); // plain text, no TLS
    const clients = createGoogleClients({ projectId: 'tunewave-events' });
    for (const client of [
      clients.publisher,
      clients.subscriber,
      clients.schemas,
    ]) {
      expect((client as any)._opts).toMatchObject({
        servicePath: 'localhost',
        port: 8085,
      });
    }
  });

  it('uses the REST transport only when asked, as tests do', () => {
    expect(pubSubOptions({ pubSubOverRest: true })).toEqual({ fallback: true });
  });

  it('sends both APIs to the configured endpoints, over plain HTTP when asked', async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        'http://127.0.0.1:8123/v1/projects/tunewave-events/topics',
        ({ request }) => {
          seen.push(request.url);
          return json({ topics: [] });
        },
      ),
      http.get(
        'http://127.0.0.1:8124/bigquery/v2/projects/tunewave-raw/datasets',
        ({ request }) => {
          seen.push(request.url);
          return json({ kind: 'bigquery#datasetList', datasets: [] });
        },
      ),
    );
    const clients = createGoogleClients({
      authClient: presetAuth(),
      pubSubOverRest: true,
      apiEndpoints: {
        pubSub: 'http://127.0.0.1:8123',
        bigQuery: 'http://127.0.0.1:8124',
      },
    });

    await clients.publisher.listTopics(
      { project: 'projects/tunewave-events' },
      { retry: null, autoPaginate: false } as any,
    );
    await clients.bigQuery('tunewave-raw').getDatasets({ autoPaginate: false });

    expect(
      seen.map(url => new URL(url).origin + new URL(url).pathname),
    ).toEqual([
      'http://127.0.0.1:8123/v1/projects/tunewave-events/topics',
      'http://127.0.0.1:8124/bigquery/v2/projects/tunewave-raw/datasets',
    ]);
  });
});
