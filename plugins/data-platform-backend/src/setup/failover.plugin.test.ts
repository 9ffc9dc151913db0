import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';
import {
  HOUR,
  hourlyRun,
  RecordingNotifications,
} from '../services/Health/__testUtils__/healthTestbed';

jest.setTimeout(120_000);

/*
 * Two backend instances on one database. Instance A takes a job and dies in
 * the middle of it as a kill -9 would leave it: its work never returns and
 * its database connections are gone, so it neither renews nor releases its
 * lease. Instance B must take the job over once the lease runs out (short
 * here through config), and finish it once.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const apiVersion = 'dataplatform.io/v1alpha1';
const PIPELINE = 'pipeline:default/plays-hourly-clean';
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
      owner: 'user:default/mock',
      lifecycle: 'production',
      engine: 'scio',
      schedule: { type: 'hourly' },
      sla: { deadline: 'PT1H' },
      outputs: ['plays-hourly'],
    },
  },
];

/** Knex clients of their own, one per instance, on one shared database. */
async function sharedDatabase(databaseId: 'SQLITE_3' | 'POSTGRES_15') {
  const clients: Knex[] = [];
  let cleanup = async () => {};
  let config: Knex.Config;
  if (databaseId === 'SQLITE_3') {
    const dir = mkdtempSync(join(tmpdir(), 'data-platform-failover-'));
    config = {
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'plugin.sqlite') },
      useNullAsDefault: true,
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    config = (await databases.init(databaseId)).client.config;
  }
  return {
    client: () => {
      const client = knexFactory(config);
      clients.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(clients.map(c => c.destroy()));
      await cleanup();
    },
  };
}

/** A notification service whose `send` never returns, as in a dead process. */
class FrozenNotifications implements NotificationService {
  readonly called: Promise<void>;
  private markCalled!: () => void;
  constructor() {
    this.called = new Promise(r => (this.markCalled = r));
  }
  send(): Promise<void> {
    this.markCalled();
    return new Promise(() => {});
  }
}

async function startInstance(options: {
  db: Knex;
  notifications: NotificationService;
  catalog?: ReturnType<typeof catalogServiceMock>;
}) {
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      dataPlatformPlugin,
      mockServices.rootConfig.factory({
        data: {
          dataPlatform: {
            leases: {
              duration: '1500ms',
              renewInterval: '250ms',
              checkInterval: '250ms',
            },
          },
        },
      }),
      mockServices.database.factory({ knex: options.db }),
      mockServices.scheduler.factory(),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => options.catalog ?? catalogServiceMock({ entities }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => options.notifications,
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
  return {
    server: backend.server,
    stop: () => backend.stop(),
    scheduler: scheduler!,
  };
}

/**
 * Triggers a task on an instance, as its scheduler does every check
 * interval, until `done` says the work landed.
 */
async function triggerUntil(
  scheduler: SchedulerService,
  task: string,
  done: () => Promise<boolean>,
) {
  for (let attempt = 0; attempt < 300; attempt++) {
    await scheduler.triggerTask(task);
    if (await done()) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${task} was never taken over`);
}

describe.each(databases.eachSupportedId())(
  'failover between two instances on %s',
  databaseId => {
    let database: Awaited<ReturnType<typeof sharedDatabase>>;
    const stops: Array<() => Promise<void>> = [];

    beforeEach(async () => {
      database = await sharedDatabase(databaseId as 'SQLITE_3' | 'POSTGRES_15');
    });
    afterEach(async () => {
      for (const stop of stops.splice(0)) await stop().catch(() => {});
      await database.close();
    });

    it('takes over the sweep of an instance that died while notifying, and notifies once', async () => {
      const dbA = database.client();
      const frozen = new FrozenNotifications();
      const a = await startInstance({ db: dbA, notifications: frozen });
      stops.push(() => a.stop());
      const recorded = new RecordingNotifications();
      const b = await startInstance({
        db: database.client(),
        notifications: recorded,
      });
      stops.push(() => b.stop());

      // Hourly runs landed until five hours ago: the latest partitions are late.
      const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
      const events = [];
      for (let p = thisHour - 9 * HOUR; p < thisHour - 5 * HOUR; p += HOUR) {
        events.push(...hourlyRun({ job: 'plays-hourly-clean', partition: p }));
      }
      const ingested = await request(a.server)
        .post('/api/data-platform/openlineage/api/v1/lineage')
        .send(events);
      expect(ingested.status).toBe(200);
      await a.scheduler.triggerTask('data-platform-health-catalog-sync');

      // A opens the alert, then dies while sending its notification.
      void a.scheduler.triggerTask('data-platform-health-sweep');
      await frozen.called;
      await dbA.destroy();

      const alertsOf = async () =>
        (await request(b.server).get('/api/data-platform/health/oncall')).body
          .rows;
      await triggerUntil(
        b.scheduler,
        'data-platform-health-sweep',
        async () => recorded.sent.length > 0,
      );

      const rows = await alertsOf();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        pipelineRef: PIPELINE,
        state: 'late',
        alert: { state: 'open' },
      });
      expect(recorded.sent).toEqual([
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: ['user:default/mock'] },
          payload: expect.objectContaining({
            scope: `dataplatform:health:alert:${rows[0].alert.id}`,
          }),
        }),
      ]);
      const health = await request(b.server).get(
        '/api/data-platform/health/pipelines/default/plays-hourly-clean',
      );
      expect(health.body.alerts).toHaveLength(1);
      expect(health.body.alerts[0].history.map((h: any) => h.action)).toEqual([
        'opened',
        'notified',
      ]);
    });

    it('takes over the catalog sync of an instance that died in the middle of it', async () => {
      const dbA = database.client();
      const catalogA = catalogServiceMock({ entities });
      let fetching!: () => void;
      const fetched = new Promise<void>(r => (fetching = r));
      catalogA.getEntitiesByRefs = () => {
        fetching();
        return new Promise(() => {});
      };
      const a = await startInstance({
        db: dbA,
        notifications: new RecordingNotifications(),
        catalog: catalogA,
      });
      stops.push(() => a.stop());
      const b = await startInstance({
        db: database.client(),
        notifications: new RecordingNotifications(),
      });
      stops.push(() => b.stop());

      void a.scheduler.triggerTask('data-platform-health-catalog-sync');
      await fetched;
      await dbA.destroy();

      const pipelineHealth = () =>
        request(b.server).get(
          '/api/data-platform/health/pipelines/default/plays-hourly-clean',
        );
      // A died before it stored anything.
      expect((await pipelineHealth()).status).toBe(404);
      await triggerUntil(
        b.scheduler,
        'data-platform-health-catalog-sync',
        async () => (await pipelineHealth()).status === 200,
      );
      expect((await pipelineHealth()).body).toMatchObject({
        pipelineRef: PIPELINE,
      });
    });
  },
);
