import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { dataPlatformProvisioningExtensionPoint } from '@dataplatform/backstage-plugin-data-platform-node';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';
import { RecordingNotifications } from '../services/Health/__testUtils__/healthTestbed';
import { MemoryProvisioner } from '../services/Provisioning/__testUtils__/MemoryProvisioner';

jest.setTimeout(120_000);

const apiVersion = 'dataplatform.io/v1alpha1';
const eventTypeRef = 'eventtype:default/track-played';

function entities(owner: string): Entity[] {
  return [
    {
      apiVersion,
      kind: 'EventType',
      metadata: { name: 'track-played', namespace: 'default' },
      spec: {
        owner,
        lifecycle: 'production',
        schema: {
          revision: 1,
          fields: [
            { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
            { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
          ],
        },
        delivery: { partitioning: 'HOUR', retentionDays: 30 },
      },
    },
    {
      apiVersion,
      kind: 'DataEndpoint',
      metadata: { name: 'track-played-raw', namespace: 'default' },
      spec: {
        type: 'bigquery-table',
        owner,
        lifecycle: 'production',
        location: {
          project: 'tunewave-raw',
          dataset: 'events',
          table: 'track_played',
        },
        schema: { eventType: 'track-played' },
        partitioning: { granularity: 'HOUR', field: 'event_time' },
        retentionDays: 30,
      },
      relations: [{ type: 'hasEventType', targetRef: eventTypeRef }],
    },
    {
      apiVersion,
      kind: 'DataEndpoint',
      metadata: { name: 'track-played-topic', namespace: 'default' },
      spec: {
        type: 'pubsub-topic',
        owner,
        lifecycle: 'production',
        location: { project: 'tunewave-events', topic: 'track-played' },
        schema: { eventType: 'track-played' },
      },
      relations: [{ type: 'hasEventType', targetRef: eventTypeRef }],
    },
  ];
}

async function startBackend(options: {
  owner: string;
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Owner of the raw table endpoint, when not `owner`. */
  tableOwner?: string;
}) {
  const target = new MemoryProvisioner();
  const { server } = await startTestBackend({
    features: [
      dataPlatformPlugin,
      catalogServiceMock.factory({
        entities: entities(options.owner).map(e =>
          options.tableOwner && e.metadata.name === 'track-played-raw'
            ? { ...e, spec: { ...e.spec, owner: options.tableOwner } }
            : e,
        ),
      }),
      mockServices.scheduler.factory(),
      mockServices.permissions.factory({ result: options.permission }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => new RecordingNotifications(),
      }),
      createBackendModule({
        pluginId: 'data-platform',
        moduleId: 'memory-provisioner',
        register(env) {
          env.registerInit({
            deps: { provisioning: dataPlatformProvisioningExtensionPoint },
            async init({ provisioning }) {
              provisioning.addProvisioner(target);
            },
          });
        },
      }),
    ],
  });
  return { server, target };
}

const base = '/api/data-platform/provisioning/entities';

describe('provisioning in the data-platform backend plugin', () => {
  it('shows an event type’s resources, lets its owner apply them, and logs who did', async () => {
    // The mock user owns it (its only ownership ref is itself).
    const { server, target } = await startBackend({
      owner: 'user:default/mock',
      permission: AuthorizeResult.DENY,
    });

    const shown = await request(server).get(
      `${base}/eventtype/default/track-played`,
    );
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      entityRef: eventTypeRef,
      canApply: true,
      autoApply: 'none',
      problems: [],
    });
    const states = Object.fromEntries(
      shown.body.resources.map((r: any) => [r.id, r.state]),
    );
    expect(states).toEqual({
      'bigquery-dataset:tunewave-raw.events': 'pending',
      'bigquery-table:tunewave-raw.events.track_played': 'pending',
      'delivery:tunewave-events/track-played.delivery.track_played': 'pending',
      'pubsub-schema:tunewave-events/track-played': 'unmanaged',
      'pubsub-topic:tunewave-events/track-played': 'unmanaged',
    });

    const applied = await request(server)
      .post(`${base}/eventtype/default/track-played/apply`)
      .send({});
    expect(applied.status).toBe(200);
    expect(applied.body.applies.map((a: any) => a.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(
      target.resources.has('bigquery-table:tunewave-raw.events.track_played'),
    ).toBe(true);
    const after = applied.body.provisioning.resources.filter(
      (r: any) => r.provisioner,
    );
    expect(after.map((r: any) => r.state)).toEqual([
      'in-sync',
      'in-sync',
      'in-sync',
    ]);

    const history = await request(server).get(
      `${base}/eventtype/default/track-played/history`,
    );
    expect(history.body.applies[0]).toMatchObject({
      actor: 'user:default/mock',
      trigger: 'manual',
      status: 'applied',
    });
  });

  it('refuses an apply to someone who neither owns the entity nor holds the permission', async () => {
    const { server, target } = await startBackend({
      owner: 'group:default/playback',
      permission: AuthorizeResult.DENY,
    });
    const shown = await request(server).get(
      `${base}/dataendpoint/default/track-played-raw`,
    );
    expect(shown.body.canApply).toBe(false);

    const refused = await request(server)
      .post(`${base}/dataendpoint/default/track-played-raw/apply`)
      .send({});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Only the owners of dataendpoint:default/track-played-raw or holders of dataplatform.provisioning.apply may apply its provisioning',
    );
    expect(target.calls.filter(c => c.startsWith('apply'))).toEqual([]);
  });

  it("applies only the owner's resources from an event type's page", async () => {
    const { server, target } = await startBackend({
      owner: 'user:default/mock',
      permission: AuthorizeResult.DENY,
      tableOwner: 'group:default/warehouse',
    });
    const applied = await request(server)
      .post(`${base}/eventtype/default/track-played/apply`)
      .send({});
    expect(applied.status).toBe(200);
    expect(applied.body.applies.map((a: any) => a.resourceId)).toEqual([
      'bigquery-dataset:tunewave-raw.events',
      'delivery:tunewave-events/track-played.delivery.track_played',
    ]);
    expect(
      target.resources.has('bigquery-table:tunewave-raw.events.track_played'),
    ).toBe(false);
  });

  it('lets holders of the permission apply what they do not own', async () => {
    const { server } = await startBackend({
      owner: 'group:default/playback',
      permission: AuthorizeResult.ALLOW,
    });
    const applied = await request(server)
      .post(`${base}/dataendpoint/default/track-played-raw/apply`)
      .send({ resources: ['bigquery-table:tunewave-raw.events.track_played'] });
    expect(applied.status).toBe(200);
    // The table's dataset comes with it.
    expect(applied.body.applies.map((a: any) => a.resourceId)).toEqual([
      'bigquery-dataset:tunewave-raw.events',
      'bigquery-table:tunewave-raw.events.track_played',
    ]);
  });

  it('answers 404 for what the catalog does not have and 400 naming a bad field', async () => {
    const { server } = await startBackend({
      owner: 'user:default/mock',
      permission: AuthorizeResult.ALLOW,
    });
    const missing = await request(server).get(
      `${base}/dataendpoint/default/nope`,
    );
    expect(missing.status).toBe(404);
    const badKind = await request(server).get(`${base}/component/default/x`);
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toBe(
      'kind: must be eventtype, dataendpoint or pipeline',
    );
    const badBody = await request(server)
      .post(`${base}/dataendpoint/default/track-played-raw/apply`)
      .send({ resources: 'all' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/^resources: /);
  });

  it('plans a draft the catalog does not have yet, storing nothing', async () => {
    const { server, target } = await startBackend({
      owner: 'user:default/mock',
      permission: AuthorizeResult.ALLOW,
    });
    const [eventType, raw] = entities('group:default/playback');
    const renamed = (e: Entity, name: string): Entity => ({
      ...e,
      metadata: { ...e.metadata, name },
      spec: {
        ...e.spec,
        ...(e.kind === 'DataEndpoint'
          ? {
              schema: { eventType: 'track-skipped' },
              location: {
                project: 'tunewave-raw',
                dataset: 'events',
                table: 'skips',
              },
            }
          : {}),
      },
    });
    const planned = await request(server)
      .post('/api/data-platform/provisioning/plan')
      .send({
        entities: [
          renamed(eventType, 'track-skipped'),
          renamed(raw, 'track-skipped-raw'),
        ],
      });
    expect(planned.status).toBe(200);
    expect(
      planned.body.resources.map((r: any) => [r.id, r.plan?.action]),
    ).toEqual([
      ['bigquery-dataset:tunewave-raw.events', 'create'],
      ['bigquery-table:tunewave-raw.events.skips', 'create'],
    ]);
    expect(target.calls.filter(c => c.startsWith('apply'))).toEqual([]);

    const invalid = await request(server)
      .post('/api/data-platform/provisioning/plan')
      .send({ entities: [{ ...raw, spec: { ...raw.spec, type: 'kafka' } }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^entities\[0\]: .*type/);
  });
});
