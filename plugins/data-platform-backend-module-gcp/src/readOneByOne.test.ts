import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  BIGQUERY,
  googleError,
  http,
  json,
  PUBSUB,
  recordRequests,
} from './__testUtils__/googleApis';
import { liveTable } from './__testUtils__/bigQueryAnswers';
import {
  schemasAnswer,
  subscriptionsAnswer,
  topicsAnswer,
} from './__testUtils__/pubSubAnswers';
import {
  AVRO_V2,
  datasetResource,
  deliveryResource,
  EVENTS_PROJECT,
  POLICY_TAGS,
  PROJECT,
  schemaResource,
  subscriptionResource,
  tableResource,
  topicResource,
} from './__testUtils__/platform';
import { testProvisioner } from './__testUtils__/testProvisioner';

const server = setupServer();
registerMswTestHooks(server);

const DATASETS = `${BIGQUERY}/projects/${PROJECT}/datasets`;
const P = `${PUBSUB}/projects/${EVENTS_PROJECT}`;

describe('observing a few resources', () => {
  beforeEach(() => {
    delete process.env.PUBSUB_EMULATOR_HOST;
    delete process.env.BIGQUERY_EMULATOR_HOST;
  });

  it('reads each table and dataset with one GET, billing no query', async () => {
    const { provisioner, logger } = testProvisioner(
      {},
      { readsOneByOne: true },
    );
    const seen = recordRequests(server);
    server.use(
      http.get(`${DATASETS}/events`, () =>
        json({
          kind: 'bigquery#dataset',
          datasetReference: { datasetId: 'events', projectId: PROJECT },
          location: 'EU',
          labels: { 'managed-by': 'backstage-data-platform' },
        }),
      ),
      http.get(`${DATASETS}/events/tables/track_played`, () =>
        json(liveTable()),
      ),
      http.get(`${DATASETS}/events/tables/track_skipped`, () =>
        googleError(404, `Not found: Table ${PROJECT}:events.track_skipped`, {
          reason: 'notFound',
        }),
      ),
    );
    const played = tableResource('track_played');

    const observed = await provisioner.observe(
      [datasetResource(), played, tableResource('track_skipped')],
      { logger },
    );

    expect(seen.map(r => `${r.method} ${r.path}`).sort()).toEqual([
      `GET /bigquery/v2/projects/${PROJECT}/datasets/events`,
      `GET /bigquery/v2/projects/${PROJECT}/datasets/events/tables/track_played`,
      `GET /bigquery/v2/projects/${PROJECT}/datasets/events/tables/track_skipped`,
    ]);
    expect([...observed.keys()].sort()).toEqual([
      datasetResource().id,
      played.id,
    ]);
    expect(observed.get(played.id)?.spec).toEqual({
      project: PROJECT,
      dataset: 'events',
      table: 'track_played',
      description: 'Every track played, as delivered',
      fields: [
        { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
        { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
        {
          name: 'user_id',
          type: 'STRING',
          mode: 'REQUIRED',
          description: 'Who played it',
          pii: 'pseudonymize',
        },
        { name: 'ms_played', type: 'INT64', mode: 'NULLABLE' },
        {
          name: 'context',
          type: 'RECORD',
          mode: 'NULLABLE',
          fields: [
            {
              name: 'device',
              type: 'RECORD',
              mode: 'NULLABLE',
              fields: [{ name: 'os', type: 'STRING', mode: 'NULLABLE' }],
            },
          ],
        },
        {
          name: 'tracks',
          type: 'RECORD',
          mode: 'REPEATED',
          fields: [
            { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'position', type: 'INT64', mode: 'NULLABLE' },
          ],
        },
        { name: 'legacy_flag', type: 'BOOL', mode: 'NULLABLE' },
      ],
      policyTags: { user_id: POLICY_TAGS.pseudonymize },
      timePartitioning: { granularity: 'HOUR', field: 'event_time' },
      clustering: ['event_id'],
      partitionExpirationDays: 90,
      requirePartitionFilter: true,
      labels: {
        'managed-by': 'backstage-data-platform',
        entity: 'track-played-raw',
        owner: 'playback',
        system: 'playback',
        'cost-center': 'music',
      },
    });
  });

  it('reads each topic, subscription and schema with one GET, as their lists show them', async () => {
    const resources = [
      topicResource(),
      schemaResource(),
      subscriptionResource(),
      deliveryResource(),
    ];
    const [topic] = topicsAnswer().topics;
    const subscriptions = subscriptionsAnswer().subscriptions;
    const [schema] = schemasAnswer(AVRO_V2).schemas;
    server.use(
      http.get(`${P}/topics`, () => json(topicsAnswer())),
      http.get(`${P}/subscriptions`, () => json(subscriptionsAnswer())),
      http.get(`${P}/schemas`, () => json(schemasAnswer(AVRO_V2))),
      http.get(`${P}/topics/track-played`, () => json(topic)),
      http.get(`${P}/schemas/track-played`, () => json(schema)),
      http.get(`${P}/subscriptions/:name`, ({ params }) =>
        json(subscriptions.find(s => s.name.endsWith(`/${params.name}`)) ?? {}),
      ),
    );
    const inBulk = testProvisioner();
    const listed = await inBulk.provisioner.observe(resources, {
      logger: inBulk.logger,
    });
    const oneByOne = testProvisioner({}, { readsOneByOne: true });
    const seen = recordRequests(server);

    const read = await oneByOne.provisioner.observe(resources, {
      logger: oneByOne.logger,
    });

    expect(seen.map(r => `${r.method} ${r.path}`).sort()).toEqual([
      `GET /v1/projects/${EVENTS_PROJECT}/schemas/track-played`,
      `GET /v1/projects/${EVENTS_PROJECT}/subscriptions/track-played.delivery.track_played`,
      `GET /v1/projects/${EVENTS_PROJECT}/subscriptions/track-played.royalties`,
      `GET /v1/projects/${EVENTS_PROJECT}/topics/track-played`,
    ]);
    expect(read).toEqual(listed);
  });
});
