import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  AuthService,
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModuleDataPlatform from '@dataplatform/backstage-plugin-catalog-backend-module-data-platform';
// The policy decides for the data-platform backend's routes: the test runs them.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dataPlatformPlugin from '@dataplatform/backstage-plugin-data-platform-backend';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { permissionModuleDataPlatformPolicy } from './module';

jest.setTimeout(120_000);

/*
 * The policy in Backstage's real permission backend, deciding for the real
 * catalog and the data-platform backend: every decision below travels the
 * way it does in the portal (plugin -> permission backend -> policy, and
 * back to the catalog to apply a conditional decision).
 */

// Ownership refs as a sign-in resolver gives them: the user and its groups.
const teams: Record<string, string[]> = {
  'user:default/alice': ['group:default/listening'], // owns the pipeline
  'user:default/bob': ['group:default/playback'], // another team
  'user:default/olga': ['group:default/sre'], // on call
  'user:default/ada': ['group:default/data-platform-admins'],
};
const as = (user: string) =>
  `Bearer ${mockCredentials.user.token(`user:default/${user}`)}`;
const service = mockCredentials.service.header();

/** The sign-in resolver's part: which groups a user's token names. */
const userInfoFromTeams = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(teams[userEntityRef] ?? [])],
      };
    },
  }),
});

/**
 * The mock auth service, except that a token a plugin gets on a user's
 * behalf names that plugin as its actor, as Backstage's own auth does: the
 * permission backend answers conditional decisions only to such requests.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: auth.authenticate.bind(auth),
      getNoneCredentials: auth.getNoneCredentials.bind(auth),
      getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
      isPrincipal: auth.isPrincipal.bind(auth) as AuthService['isPrincipal'],
      getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
      listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type !== 'user') {
          return auth.getPluginRequestToken(options);
        }
        return {
          token: mockCredentials.user.token(principal.userEntityRef!, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      },
    };
  },
});

const HOUR = 3_600_000;
const location = 'url:https://example.com/listening/catalog-info.yaml';
const annotations = {
  [ANNOTATION_LOCATION]: location,
  [ANNOTATION_ORIGIN_LOCATION]: location,
};
const entities: Entity[] = [
  {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'Pipeline',
    metadata: {
      name: 'plays-hourly-clean',
      annotations: {
        ...annotations,
        'dataplatform.io/openlineage-namespace': 'airflow',
        'dataplatform.io/openlineage-name': 'plays-hourly-clean',
      },
    },
    spec: {
      owner: 'group:default/listening',
      lifecycle: 'production',
      engine: 'scio',
      schedule: { type: 'hourly' },
      sla: { deadline: 'PT1H' },
      outputs: ['plays-scratch'],
    },
  },
  {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'DataEndpoint',
    metadata: { name: 'plays-scratch', annotations },
    spec: {
      type: 'bigquery-table',
      owner: 'group:default/listening',
      lifecycle: 'experimental',
      location: { project: 'acme-data', dataset: 'scratch', table: 'plays' },
    },
  },
  {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'EventType',
    metadata: { name: 'track-played', annotations },
    spec: {
      owner: 'group:default/listening',
      lifecycle: 'production',
      delivery: { partitioning: 'HOUR', retentionDays: 90 },
      schema: {
        revision: 1,
        compatibility: 'BACKWARD',
        fields: [
          { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
          { name: 'ms_played', type: 'INT64' },
        ],
      },
    },
  },
];

/** START and COMPLETE of one hourly partition of the pipeline's job. */
function hourlyRun(partition: number, job = 'plays-hourly-clean') {
  const runId = randomUUID();
  const event = (eventType: string, at: number) => ({
    eventType,
    eventTime: new Date(at).toISOString(),
    producer: 'https://github.com/apache/airflow',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId,
      facets: {
        nominalTime: {
          _producer: 'https://github.com/apache/airflow',
          _schemaURL:
            'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet',
          nominalStartTime: new Date(partition).toISOString(),
          nominalEndTime: new Date(partition + HOUR).toISOString(),
        },
      },
    },
    job: { namespace: 'airflow', name: job },
    inputs: [],
    outputs: [],
  });
  return [
    event('START', partition + HOUR + 60_000),
    event('COMPLETE', partition + HOUR + 600_000),
  ];
}

describe('the data platform policy in the permission backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let scheduler: SchedulerService | undefined;
  let alertId: string;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleDataPlatformPolicy,
        catalogPlugin,
        catalogModuleDataPlatform,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'policy-test-entities',
          register(env) {
            env.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.addEntityProvider({
                  getProviderName: () => 'policy-test',
                  async connect(connection) {
                    await connection.applyMutation({
                      type: 'full',
                      entities: entities.map(entity => ({
                        entity,
                        locationKey: 'policy-test',
                      })),
                    });
                  },
                });
              },
            });
          },
        }),
        dataPlatformPlugin,
        createBackendModule({
          pluginId: 'data-platform',
          moduleId: 'policy-test-scheduler',
          register(env) {
            env.registerInit({
              deps: { s: coreServices.scheduler },
              async init({ s }) {
                scheduler = s;
              },
            });
          },
        }),
        permissionsServiceFactory,
        authWithActors,
        userInfoFromTeams,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Pipeline', 'DataEndpoint', 'EventType'] }],
            },
            dataPlatform: {
              permissions: {
                adminGroups: ['group:default/data-platform-admins'],
                onCallGroups: ['sre'],
              },
            },
          },
        }),
      ],
    }));

    // The catalog processes the entities.
    for (let tries = 0; ; tries++) {
      const res = await request(server)
        .get(
          '/api/catalog/entities?filter=kind=pipeline&filter=kind=dataendpoint&filter=kind=eventtype',
        )
        .set('authorization', service);
      if (res.body.length === entities.length) break;
      if (tries > 200) throw new Error('the catalog never had the entities');
      await new Promise(resolve => setTimeout(resolve, 250));
    }

    // Hourly runs landed until five hours ago, sent with a service token:
    // the pipeline is late and has an open alert.
    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    const events = [];
    for (let p = thisHour - 9 * HOUR; p < thisHour - 5 * HOUR; p += HOUR) {
      events.push(...hourlyRun(p));
    }
    const ingested = await request(server)
      .post('/api/data-platform/openlineage/api/v1/lineage')
      .set('authorization', service)
      .send(events);
    if (ingested.status !== 200) throw new Error(JSON.stringify(ingested.body));
    await scheduler!.triggerTask('data-platform-health-catalog-sync');
    await scheduler!.triggerTask('data-platform-health-sweep');
    await scheduler!.triggerTask('data-platform-quality-catalog-sync');
    const onCall = await request(server)
      .get('/api/data-platform/health/oncall')
      .set('authorization', service);
    alertId = onCall.body.rows[0].alert.id;
  });

  const alertAction = (user: string, action: string, body: object = {}) =>
    request(server)
      .post(`/api/data-platform/health/alerts/${alertId}/${action}`)
      .set('authorization', as(user))
      .send(body);

  it("refuses another team's alert, lets the owners act on theirs, and the on-call group on any", async () => {
    const refused = await alertAction('bob', 'acknowledge');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'dataplatform.health.alert.oncall',
    );

    const acknowledged = await alertAction('alice', 'acknowledge');
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'user:default/alice',
    });

    const snoozed = await alertAction('olga', 'snooze', {
      until: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(snoozed.status).toBe(200);
    expect((await alertAction('bob', 'resolve')).status).toBe(403);
    expect((await alertAction('ada', 'resolve')).status).toBe(200);
  });

  it("offers to run an endpoint's quality checks to its owners and admins", async () => {
    const canRun = async (user: string) => {
      const res = await request(server)
        .get('/api/data-platform/quality/endpoints/default/plays-scratch')
        .set('authorization', as(user));
      expect(res.status).toBe(200);
      return res.body.canRun;
    };
    expect(await canRun('alice')).toBe(true);
    expect(await canRun('bob')).toBe(false);
    expect(await canRun('olga')).toBe(false);
    expect(await canRun('ada')).toBe(true);
  });

  it("leaves the decision to break an event type's consumers to its owners and admins", async () => {
    // The consumers come from the lineage index, which learns the event
    // type from the catalog.
    await scheduler!.triggerTask('data-platform-lineage-catalog-sync');
    const mayDecide = async (user: string) => {
      const res = await request(server)
        .post('/api/data-platform/schema-changes/consumers')
        .set('authorization', as(user))
        .send({
          entityRef: 'eventtype:default/track-played',
          paths: ['ms_played'],
        });
      expect(res.status).toBe(200);
      expect(res.body.owner).toBe('group:default/listening');
      return res.body.mayDecide;
    };
    expect(await mayDecide('alice')).toBe(true);
    expect(await mayDecide('bob')).toBe(false);
    expect(await mayDecide('olga')).toBe(false);
    expect(await mayDecide('ada')).toBe(true);

    const refused = await request(server)
      .post('/api/data-platform/schema-changes/decisions')
      .set('authorization', as('bob'))
      .send({
        entityRef: 'eventtype:default/track-played',
        revision: 2,
        reason: 'ms_played moves to duration_ms; read it there',
        idempotencyKey: 'policy-test',
        changes: [
          { kind: 'field-removed', path: 'ms_played', description: 'removed' },
        ],
        consumers: [
          {
            id: 'pipeline:default/plays-hourly-clean',
            title: 'plays-hourly-clean',
            paths: ['ms_played'],
            through: 'reads ms_played',
          },
        ],
      });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      '(group:default/listening) or holders of dataplatform.schemaChange.decide',
    );
  });

  it('keeps the dead letters and the rebuild to admins', async () => {
    const deadLetters = (user: string) =>
      request(server)
        .get('/api/data-platform/openlineage/dead-letters')
        .set('authorization', as(user));
    expect((await deadLetters('alice')).status).toBe(403);
    expect((await deadLetters('olga')).status).toBe(403);
    expect((await deadLetters('ada')).status).toBe(200);

    const rebuild = (user: string) =>
      request(server)
        .post('/api/data-platform/openlineage/rebuild')
        .set('authorization', as(user));
    expect((await rebuild('alice')).status).toBe(403);
    expect((await rebuild('ada')).status).toBe(200);
  });

  it('takes OpenLineage events from service principals only', async () => {
    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    const send = (authorization: string) =>
      request(server)
        .post('/api/data-platform/openlineage/api/v1/lineage')
        .set('authorization', authorization)
        .send(hourlyRun(thisHour - 4 * HOUR));
    // A forged run of the owner's pipeline, by the owner or an admin.
    for (const user of ['alice', 'ada']) {
      const refused = await send(as(user));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        'dataplatform.openlineage.event.create',
      );
    }
    const accepted = await send(service);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ received: 2, accepted: 2 });
  });

  it("lets an entity's owners and admins delete it from the catalog, nobody else", async () => {
    const entity = await request(server)
      .get('/api/catalog/entities/by-name/dataendpoint/default/plays-scratch')
      .set('authorization', as('bob'));
    // Anyone signed in reads it.
    expect(entity.status).toBe(200);
    const remove = (user: string) =>
      request(server)
        .delete(`/api/catalog/entities/by-uid/${entity.body.metadata.uid}`)
        .set('authorization', as(user));
    expect((await remove('bob')).status).toBe(403);
    expect((await remove('olga')).status).toBe(403);
    expect((await remove('alice')).status).toBe(204);
  });
});
