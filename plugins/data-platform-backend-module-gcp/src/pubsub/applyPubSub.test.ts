import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  ObservedResourceOf,
  planResource,
  runAnonymizationTransform,
  transformFingerprint,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  googleError,
  http,
  json,
  PUBSUB,
  recordRequests,
} from '../__testUtils__/googleApis';
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
const NAME = `projects/${EVENTS_PROJECT}`;

const echo = async ({ request }: { request: Request }) =>
  json((await request.json()) as any);

describe('applying Pub/Sub topics, schemas, subscriptions and deliveries', () => {
  beforeEach(() => {
    delete process.env.PUBSUB_EMULATOR_HOST;
    delete process.env.CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB;
  });

  it('creates a topic with its retention, schema settings and labels, retrying a rate limit, then grants access', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    let creates = 0;
    server.use(
      http.put(`${P}/topics/track-played`, async ({ request }) =>
        ++creates === 1
          ? googleError(429, 'Request throttled due to user QPS limit.', {
              status: 'RESOURCE_EXHAUSTED',
            })
          : json((await request.json()) as any),
      ),
      http.post(`${P}/topics/track-played\\:getIamPolicy`, () =>
        json({ etag: 'BwYA' }),
      ),
      http.post(
        `${P}/topics/track-played\\:setIamPolicy`,
        async ({ request }) => json(((await request.json()) as any).policy),
      ),
    );
    const topic = topicResource();

    const { results } = await provisioner.apply({
      desired: topic,
      plan: planResource(topic, undefined, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => r.status)).toEqual(['applied']);
    expect(seen.map(r => `${r.method} ${r.path}`)).toEqual([
      `PUT /v1/${NAME}/topics/track-played`,
      `PUT /v1/${NAME}/topics/track-played`,
      `POST /v1/${NAME}/topics/track-played:getIamPolicy`,
      `POST /v1/${NAME}/topics/track-played:setIamPolicy`,
    ]);
    expect(seen[1].url.searchParams.get('$alt')).toBe('json;enum-encoding=int');
    expect(seen[1].body).toMatchObject({
      labels: topic.spec.labels,
      messageRetentionDuration: '604800s',
      schemaSettings: { schema: `${NAME}/schemas/track-played`, encoding: 1 },
    });
    expect(seen[3].body.policy.bindings).toEqual([
      {
        role: 'roles/pubsub.subscriber',
        members: ['group:analysts@tunewave.example'],
      },
      {
        role: 'roles/pubsub.publisher',
        members: ['group:playback@tunewave.example'],
      },
    ]);
  });

  it('changes a topic in one patch naming the fields changed, keeping labels others set', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(http.patch(`${P}/topics/track-played`, echo));
    const topic = topicResource();
    topic.spec.messageRetentionDays = 31;
    const { access: _access, ...spec } = topicResource().spec;
    const observed: ObservedResourceOf<'pubsub-topic'> = {
      type: 'pubsub-topic',
      id: topic.id,
      spec: {
        ...spec,
        labels: { ...spec.labels, owner: 'audio', team: 'core' },
        bindings: {
          'roles/pubsub.subscriber': ['group:analysts@tunewave.example'],
          'roles/pubsub.publisher': ['group:playback@tunewave.example'],
        },
      },
    };

    const { results } = await provisioner.apply({
      desired: topic,
      observed,
      plan: planResource(topic, observed, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => [r.change.action, r.status])).toEqual([
      ['set-message-retention', 'applied'],
      ['set-labels', 'applied'],
    ]);
    expect(seen.map(r => `${r.method} ${r.path}`)).toEqual([
      `PATCH /v1/${NAME}/topics/track-played`,
    ]);
    expect(seen[0].body).toMatchObject({
      topic: {
        messageRetentionDuration: '2678400s',
        labels: { ...topic.spec.labels, team: 'core' },
      },
      updateMask: 'message_retention_duration,labels',
    });
  });

  it('reports a refused create with the permission and role it needs', async () => {
    const { provisioner, logger } = testProvisioner();
    server.use(
      http.put(`${P}/topics/track-played`, () =>
        googleError(403, 'User not authorized to perform this action.', {
          status: 'PERMISSION_DENIED',
        }),
      ),
    );
    const topic = topicResource();

    const { results } = await provisioner.apply({
      desired: topic,
      plan: planResource(topic, undefined, provisioner.capabilities),
      logger,
    });

    expect(results[0]).toMatchObject({
      status: 'failed',
      message: `Could not create the topic ${NAME}/topics/track-played: the provisioner's service account lacks pubsub.topics.create (grant it roles/pubsub.editor on the project). Google said: User not authorized to perform this action.`,
    });
  });

  it('creates a schema with its first revision, and takes an existing one as created', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.post(`${P}/schemas`, () =>
        googleError(
          409,
          'Resource already exists in the project (resource=track-played).',
          {
            status: 'ALREADY_EXISTS',
          },
        ),
      ),
    );
    const schema = schemaResource();

    const { results } = await provisioner.apply({
      desired: schema,
      plan: planResource(schema, undefined, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => r.status)).toEqual(['applied']);
    expect(seen[0].url.searchParams.get('schemaId')).toBe('track-played');
    expect(seen[0].body).toEqual({
      name: `${NAME}/schemas/track-played`,
      type: 2, // AVRO
      definition: AVRO_V2,
    });
  });

  it('prunes the oldest revision when 20 are kept, then commits the new one', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    let deletes = 0;
    server.use(
      http.delete(`${P}/schemas/:revision`, ({ params }) =>
        ++deletes === 1
          ? json({ name: `${NAME}/schemas/${params.revision}` })
          : googleError(404, 'Resource not found.', { status: 'NOT_FOUND' }),
      ),
      http.post(`${P}/schemas/track-played\\:commit`, async ({ request }) =>
        json({ ...((await request.json()) as any).schema, revisionId: 'new' }),
      ),
    );
    const schema = schemaResource();
    const observed: ObservedResourceOf<'pubsub-schema'> = {
      type: 'pubsub-schema',
      id: schema.id,
      spec: {
        project: EVENTS_PROJECT,
        schema: 'track-played',
        revisions: Array.from({ length: 20 }, (_, i) => ({
          revisionId: `r${i}`,
          definition: AVRO_V1,
          createdAt: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
        })),
      },
    };
    const plan = planResource(schema, observed, provisioner.capabilities);
    plan.changes.unshift({ ...plan.changes[0], field: 'revisions.gone' });

    const { results } = await provisioner.apply({
      desired: schema,
      observed,
      plan,
      logger,
    });

    expect(results.map(r => [r.change.field, r.status])).toEqual([
      ['revisions.gone', 'applied'],
      ['revisions.r0', 'skipped'],
      ['definition', 'applied'],
    ]);
    expect(seen.map(r => `${r.method} ${r.path}`)).toEqual([
      `DELETE /v1/${NAME}/schemas/track-played@gone:deleteRevision`,
      `DELETE /v1/${NAME}/schemas/track-played@r0:deleteRevision`,
      `POST /v1/${NAME}/schemas/track-played:commit`,
    ]);
    expect(seen[2].body).toEqual({
      schema: {
        name: `${NAME}/schemas/track-played`,
        type: 2,
        definition: AVRO_V2,
      },
    });
  });

  it("creates a pipeline's pull subscription and lets its owners pull", async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.put(`${P}/subscriptions/track-played.royalties`, echo),
      http.post(
        `${P}/subscriptions/track-played.royalties\\:getIamPolicy`,
        () => json({ etag: 'BwYB' }),
      ),
      http.post(
        `${P}/subscriptions/track-played.royalties\\:setIamPolicy`,
        async ({ request }) => json(((await request.json()) as any).policy),
      ),
    );
    const subscription = subscriptionResource();

    const { results } = await provisioner.apply({
      desired: subscription,
      plan: planResource(subscription, undefined, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => r.status)).toEqual(['applied']);
    expect(seen[0].body).toMatchObject({
      topic: `${NAME}/topics/track-played`,
      labels: subscription.spec.labels,
    });
    expect(seen[2].body.policy.bindings).toEqual([
      {
        role: 'roles/pubsub.subscriber',
        members: ['group:royalties@tunewave.example'],
      },
    ]);
  });

  it('creates a delivery as a BigQuery subscription whose transform anonymizes each event', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.put(`${P}/subscriptions/track-played.delivery.track_played`, echo),
    );
    const delivery = deliveryResource();

    const { results } = await provisioner.apply({
      desired: delivery,
      plan: planResource(delivery, undefined, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => r.status)).toEqual(['applied']);
    const body = seen[0].body;
    expect(body).toMatchObject({
      topic: `${NAME}/topics/track-played`,
      labels: delivery.spec.labels,
      bigqueryConfig: {
        table: `${PROJECT}.events.track_played`,
        useTableSchema: true,
        dropUnknownFields: true,
      },
      messageTransforms: [
        { javascriptUdf: { functionName: 'anonymizeEvent' } },
      ],
    });
    expect(body.bigqueryConfig.writeMetadata ?? false).toBe(false);
    const { functionName, code } = body.messageTransforms[0].javascriptUdf;
    const landed = runAnonymizationTransform(
      {
        functionName,
        code,
        fingerprint: transformFingerprint(code),
        dropped: [],
        pseudonymized: [],
        notApplied: [],
      },
      {
        event_id: 'e1',
        user_id: 'listener-42',
        ip_address: '203.0.113.7',
        country: 'SE',
      },
    ) as Record<string, string>;
    expect(landed).toEqual({
      event_id: 'e1',
      user_id: expect.stringMatching(/^[0-9a-f]{64}$/),
      country: 'SE',
    });
  });

  it('replaces a drifted transform in one patch', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.patch(`${P}/subscriptions/track-played.delivery.track_played`, echo),
    );
    const delivery = deliveryResource();
    const observed: ObservedResourceOf<'delivery'> = {
      type: 'delivery',
      id: delivery.id,
      spec: {
        project: EVENTS_PROJECT,
        subscription: delivery.spec.subscription,
        topic: 'track-played',
        table: delivery.spec.table,
        labels: delivery.spec.labels,
        transformFingerprint: transformFingerprint('edited by hand'),
        state: 'ACTIVE',
      },
    };

    const { results } = await provisioner.apply({
      desired: delivery,
      observed,
      plan: planResource(delivery, observed, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => [r.change.action, r.status])).toEqual([
      ['set-transform', 'applied'],
    ]);
    expect(seen[0].body.updateMask).toBe('message_transforms');
    expect(seen[0].body.subscription.messageTransforms).toHaveLength(1);
  });
});
