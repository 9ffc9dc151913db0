import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { planResource } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  googleError,
  http,
  json,
  PUBSUB,
  recordRequests,
} from '../__testUtils__/googleApis';
import {
  schemaRevision,
  schemasAnswer,
  subscriptionsAnswer,
  topicsAnswer,
} from '../__testUtils__/pubSubAnswers';
import {
  AVRO_V1,
  AVRO_V2,
  deliveryResource,
  EVENTS_PROJECT,
  PROJECT,
  schemaResource,
  subscriptionResource,
  topicResource,
} from '../__testUtils__/platform';
import { testProvisioner } from '../__testUtils__/testProvisioner';

const server = setupServer();
registerMswTestHooks(server);

const P = `${PUBSUB}/projects/${EVENTS_PROJECT}`;

describe('observing Pub/Sub', () => {
  beforeEach(() => {
    delete process.env.PUBSUB_EMULATOR_HOST;
    delete process.env.CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB;
  });

  it('reads topics, subscriptions, deliveries and schemas from one list call each', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.get(`${P}/topics`, () => json(topicsAnswer())),
      http.get(`${P}/subscriptions`, () => json(subscriptionsAnswer())),
      http.get(`${P}/schemas`, () => json(schemasAnswer(AVRO_V2))),
    );
    const resources = [
      topicResource(),
      schemaResource(),
      subscriptionResource(),
      deliveryResource(),
    ];

    const observed = await provisioner.observe(resources, { logger });

    // The three lists are read at once.
    expect(seen.map(r => `${r.method} ${r.path}`).sort()).toEqual([
      `GET /v1/projects/${EVENTS_PROJECT}/schemas`,
      `GET /v1/projects/${EVENTS_PROJECT}/subscriptions`,
      `GET /v1/projects/${EVENTS_PROJECT}/topics`,
    ]);
    const list = (name: string) => seen.find(r => r.path.endsWith(name))!;
    expect(list('/topics').url.searchParams.get('pageSize')).toBe('1000');
    expect(list('/schemas').url.searchParams.get('view')).toBe('2'); // FULL
    expect(observed.get(topicResource().id)).toEqual({
      type: 'pubsub-topic',
      id: topicResource().id,
      version: expect.any(String),
      spec: {
        project: EVENTS_PROJECT,
        topic: 'track-played',
        messageRetentionDays: 7,
        schema: {
          project: EVENTS_PROJECT,
          schema: 'track-played',
          encoding: 'JSON',
        },
        schemaRevisions: { first: 'a1b2c3d4' },
        labels: topicResource().spec.labels,
      },
    });
    expect(observed.get(deliveryResource().id)!.spec).toMatchObject({
      table: { project: PROJECT, dataset: 'events', table: 'track_played' },
      state: 'SCHEMA_MISMATCH',
    });
    // Everything as the catalog says, the delivery's transform included;
    // grants remain since access is not observed.
    for (const resource of resources) {
      const plan = planResource(
        resource,
        observed.get(resource.id),
        provisioner.capabilities,
      );
      expect(plan.changes.filter(c => c.action !== 'grant')).toEqual([]);
    }
  });

  it('shows a hand-edited transform as drift', async () => {
    const { provisioner, logger } = testProvisioner();
    server.use(
      http.get(`${P}/subscriptions`, () =>
        json(
          subscriptionsAnswer(
            'function anonymizeEvent(message, metadata) { return message; }',
          ),
        ),
      ),
    );
    const delivery = deliveryResource();

    const observed = await provisioner.observe([delivery], { logger });

    const plan = planResource(
      delivery,
      observed.get(delivery.id),
      provisioner.capabilities,
    );
    expect(plan.changes.map(c => c.action)).toEqual(['set-transform']);
  });

  it("lists the revisions of a schema whose latest is not the catalog's, and finds none of a deleted one", async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.get(`${P}/schemas`, () => json(schemasAnswer(AVRO_V1))),
      http.get(`${P}/schemas/track-played\\:listRevisions`, () =>
        json({
          schemas: [
            schemaRevision('b2', AVRO_V1, '2026-11-02T10:00:00Z'),
            schemaRevision('a1', AVRO_V1, '2026-10-01T09:00:00Z'),
          ],
        }),
      ),
    );

    const observed = await provisioner.observe([schemaResource()], { logger });

    expect(seen.map(r => r.path)).toEqual([
      `/v1/projects/${EVENTS_PROJECT}/schemas`,
      `/v1/projects/${EVENTS_PROJECT}/schemas/track-played:listRevisions`,
    ]);
    expect(observed.get(schemaResource().id)!.spec).toEqual({
      project: EVENTS_PROJECT,
      schema: 'track-played',
      revisions: [
        {
          revisionId: 'a1',
          definition: AVRO_V1,
          createdAt: '2026-10-01T09:00:00.000Z',
        },
        {
          revisionId: 'b2',
          definition: AVRO_V1,
          createdAt: '2026-11-02T10:00:00.000Z',
        },
      ],
    });

    server.use(
      http.get(`${P}/schemas/track-played\\:listRevisions`, () =>
        googleError(404, 'Resource not found (resource=track-played).', {
          status: 'NOT_FOUND',
        }),
      ),
    );
    const again = await provisioner.observe([schemaResource()], { logger });
    expect(again.size).toBe(0);
  });

  it('reads topic and subscription policies when access is observed', async () => {
    const { provisioner, logger } = testProvisioner({ observeAccess: true });
    server.use(
      http.get(`${P}/topics`, () => json(topicsAnswer())),
      http.post(`${P}/topics/track-played\\:getIamPolicy`, () =>
        json({
          version: 1,
          etag: 'BwYA',
          bindings: [
            {
              role: 'roles/pubsub.subscriber',
              members: ['group:analysts@tunewave.example'],
            },
            {
              role: 'roles/pubsub.publisher',
              members: ['group:playback@tunewave.example'],
            },
          ],
        }),
      ),
    );
    const topic = topicResource();

    const observed = await provisioner.observe([topic], { logger });

    expect(
      planResource(topic, observed.get(topic.id), provisioner.capabilities),
    ).toMatchObject({ action: 'none' });
  });
});
