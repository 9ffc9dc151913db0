import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  BIGQUERY,
  http,
  json,
  PUBSUB,
  queryAnswer,
  recordRequests,
} from './__testUtils__/googleApis';
import { datasetsAnswer } from './__testUtils__/bigQueryAnswers';
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
  PROJECT,
  schemaResource,
  subscriptionResource,
  tableResource,
  topicResource,
} from './__testUtils__/platform';
import { testProvisioner } from './__testUtils__/testProvisioner';

const server = setupServer();
registerMswTestHooks(server);

const P = `${PUBSUB}/projects/${EVENTS_PROJECT}`;

describe('versions', () => {
  beforeEach(() => {
    delete process.env.PUBSUB_EMULATOR_HOST;
    delete process.env.BIGQUERY_EMULATOR_HOST;
  });

  it('reads a fingerprint per table from one query, and datasets from their list', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.get(`${BIGQUERY}/projects/${PROJECT}/datasets`, () =>
        json(datasetsAnswer(['events'])),
      ),
      http.post(`${BIGQUERY}/projects/${PROJECT}/queries`, () =>
        json(
          queryAnswer(
            PROJECT,
            'EU',
            [
              { name: 'dataset_id', type: 'STRING' },
              { name: 'table_id', type: 'STRING' },
              { name: 'version', type: 'STRING' },
            ],
            [
              {
                dataset_id: 'events',
                table_id: 'track_played',
                version: '-4611686018427387904',
              },
            ],
          ),
        ),
      ),
    );
    const played = tableResource('track_played');
    const skipped = tableResource('track_skipped');

    const versions = await provisioner.versions(
      [datasetResource(), played, skipped],
      { logger },
    );

    expect(seen.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /bigquery/v2/projects/${PROJECT}/datasets`,
      `POST /bigquery/v2/projects/${PROJECT}/queries`,
    ]);
    const { query, queryParameters } = seen[1].body;
    expect(query).toContain('FARM_FINGERPRINT');
    expect(query).toContain(
      `\`${PROJECT}\`.\`region-eu\`.INFORMATION_SCHEMA.COLUMN_FIELD_PATHS`,
    );
    expect(queryParameters[0].parameterValue.arrayValues).toEqual([
      { value: 'events.track_played' },
      { value: 'events.track_skipped' },
    ]);
    expect(versions.get(played.id)).toBe('-4611686018427387904');
    expect(versions.has(skipped.id)).toBe(false);
    expect(versions.get(datasetResource().id)).toEqual(expect.any(String));
  });

  it('gives Pub/Sub resources versions that change with what their lists show', async () => {
    const { provisioner, logger } = testProvisioner();
    const resources = [
      topicResource(),
      schemaResource(),
      subscriptionResource(),
      deliveryResource(),
    ];
    let retention = '604800s';
    server.use(
      http.get(`${P}/topics`, () => {
        const answer = topicsAnswer();
        answer.topics[0].messageRetentionDuration = retention;
        return json(answer);
      }),
      http.get(`${P}/subscriptions`, () => json(subscriptionsAnswer())),
      http.get(`${P}/schemas`, () => json(schemasAnswer(AVRO_V2))),
    );

    const before = await provisioner.versions(resources, { logger });
    retention = '86400s';
    const after = await provisioner.versions(resources, { logger });

    expect([...before.keys()].sort()).toEqual(resources.map(r => r.id).sort());
    expect(after.get(resources[0].id)).not.toBe(before.get(resources[0].id));
    for (const resource of resources.slice(1)) {
      expect(after.get(resource.id)).toBe(before.get(resource.id));
    }
    expect(before.get(resources[1].id)).toBe('revision a1b2c3d4');

    // Observing reports the very versions, so that a reconcile that has
    // just observed needs no version read of its own.
    const observed = await provisioner.observe(resources, { logger });
    for (const resource of resources) {
      expect(observed.get(resource.id)?.version).toBe(after.get(resource.id));
    }
  });
});
