import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { dataPlatformPlugin } from '../../plugin';
import {
  HOUR,
  hourlyRun,
  RecordingNotifications,
} from './__testUtils__/healthTestbed';

jest.setTimeout(120_000);

const apiVersion = 'dataplatform.io/v1alpha1';
const entities: Entity[] = [
  {
    apiVersion,
    kind: 'Pipeline',
    metadata: {
      name: 'plays-hourly-clean',
      namespace: 'default',
      title: 'Clean plays, hourly',
      etag: '1',
      annotations: {
        'dataplatform.io/openlineage-namespace': 'airflow',
        'dataplatform.io/openlineage-name': 'plays-hourly-clean',
      },
    },
    spec: {
      // The mock user owns it (its only ownership ref is itself).
      owner: 'user:default/mock',
      lifecycle: 'production',
      engine: 'scio',
      schedule: { type: 'hourly' },
      sla: { deadline: 'PT1H' },
      outputs: ['plays-hourly'],
    },
  },
];

describe('pipeline health in the data-platform backend plugin', () => {
  it('turns ingested runs into a late partition, an alert, a notification and an acknowledgement', async () => {
    const notifications = new RecordingNotifications();
    let scheduler: SchedulerService | undefined;
    const { server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.scheduler.factory(),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => notifications,
        }),
        createBackendModule({
          pluginId: 'data-platform',
          moduleId: 'test-scheduler-handle',
          register(env) {
            env.registerInit({
              deps: { scheduler: coreServices.scheduler },
              async init(deps) {
                scheduler = deps.scheduler;
              },
            });
          },
        }),
      ],
    });

    // Hourly runs landed until five hours ago; the scheduler stopped then.
    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    const events = [];
    for (let p = thisHour - 9 * HOUR; p < thisHour - 5 * HOUR; p += HOUR) {
      events.push(...hourlyRun({ job: 'plays-hourly-clean', partition: p }));
    }
    const ingested = await request(server)
      .post('/api/data-platform/openlineage/api/v1/lineage')
      .send(events);
    expect(ingested.status).toBe(200);

    await scheduler!.triggerTask('data-platform-health-catalog-sync');
    await scheduler!.triggerTask('data-platform-health-sweep');

    const onCall = await request(server).get(
      '/api/data-platform/health/oncall',
    );
    expect(onCall.status).toBe(200);
    const [row] = onCall.body.rows;
    expect(row).toMatchObject({
      pipelineRef: 'pipeline:default/plays-hourly-clean',
      title: 'Clean plays, hourly',
      state: 'late',
      partition: new Date(thisHour - 5 * HOUR).toISOString(),
      alert: { state: 'open', severity: 'critical' },
    });
    expect(notifications.to('user:default/mock')).toEqual([
      expect.objectContaining({
        title: expect.stringMatching(
          /^Clean plays, hourly: partitions? .* (is|are) late$/,
        ),
        scope: `dataplatform:health:alert:${row.alert.id}`,
        link: '/catalog/default/pipeline/plays-hourly-clean/health',
      }),
    ]);

    const acknowledged = await request(server)
      .post(`/api/data-platform/health/alerts/${row.alert.id}/acknowledge`)
      .send({ note: 'restarting the scheduler' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'user:default/mock',
    });

    const health = await request(server).get(
      '/api/data-platform/health/pipelines/default/plays-hourly-clean',
    );
    // The Health tab tells the on-call row's story, from the same state.
    expect(health.body.current).toEqual({
      ...Object.fromEntries(
        Object.entries(row).filter(
          ([key]) =>
            !['pipelineRef', 'title', 'owner', 'lifecycle', 'alert'].includes(
              key,
            ),
        ),
      ),
      lateByMs: expect.any(Number),
      alert: { ...row.alert, state: 'acknowledged' },
    });
    expect(health.body.runs).toHaveLength(4);
    expect(
      health.body.partitions.filter((p: any) => p.state === 'late').length,
    ).toBeGreaterThanOrEqual(3);
    expect(health.body.alerts[0].history.map((h: any) => h.action)).toEqual([
      'opened',
      'notified',
      'acknowledged',
    ]);
  });
});
