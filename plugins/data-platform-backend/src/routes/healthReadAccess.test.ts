import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataPlatform from '@dataplatform/backstage-plugin-catalog-backend-module-data-platform';
import type {
  EndpointFreshness,
  OnCallPage,
  PipelineAlert,
  PipelineHealth,
  PipelineStates,
} from '@dataplatform/backstage-plugin-data-platform-common';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';
import { entityProviderModule } from '../services/CatalogSync/__testUtils__/entityProviderModule';
import {
  HOUR,
  hourlyRun,
} from '../services/Health/__testUtils__/healthTestbed';
import { restrictedLabelReads } from '../services/LineageIndex/__testUtils__/restrictedLabelReads';
import {
  endpointEntity as endpoint,
  pipelineEntity as pipeline,
  restricted,
} from '../services/LineageIndex/__testUtils__/readPolicyEntities';

jest.setTimeout(180_000);

/*
 * A real catalog applying a conditional read decision (users may not read
 * entities labelled `restricted`; services read everything), and the health
 * routes of the plugin on SQLite and PostgreSQL. Nothing of a pipeline the
 * catalog hides from a user may reach them through pipeline health: not its
 * title, owner, runs, failure reason or alert ids.
 */

// plays-raw -> clean-plays -> plays-clean -> payroll-join (restricted)
//   -> royalties (restricted) and payroll-audit -> royalty-report
//   -> royalty-summary
const entities: Entity[] = [
  endpoint('plays-raw'),
  pipeline('clean-plays', 'Clean plays', 'group:default/listening', {
    inputs: ['plays-raw'],
    outputs: ['plays-clean'],
  }),
  endpoint('plays-clean'),
  pipeline(
    'payroll-join',
    'Payroll join',
    'group:default/payroll',
    { inputs: ['plays-clean'], outputs: ['royalties', 'payroll-audit'] },
    restricted,
  ),
  endpoint('royalties', { labels: restricted }),
  endpoint('payroll-audit'),
  pipeline('royalty-report', 'Royalty report', 'group:default/listening', {
    inputs: ['royalties'],
    outputs: ['royalty-summary'],
  }),
  endpoint('royalty-summary'),
];
const ref = (kind: string, name: string) => `${kind}:default/${name}`;
const SECRET_REASON = 'salary table locked by finance';
const HIDDEN_RUN = 'c0ffee00-0000-4000-8000-00000000dead';

/** Every trace of payroll-join that a user must not see, but its alert ids. */
const payrollTraces = [
  'payroll-join',
  'Payroll join',
  'group:default/payroll',
  SECRET_REASON,
  HIDDEN_RUN,
];

/** Its permissions service, counting the conditional decisions asked for. */
function countedReads() {
  const counted = { conditional: 0 };
  const permissions: PermissionsService = {
    authorize: restrictedLabelReads.authorize,
    authorizeConditional: async (requests, options) => {
      counted.conditional += 1;
      return restrictedLabelReads.authorizeConditional(requests, options);
    },
  };
  return {
    counted,
    factory: createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => permissions,
    }),
  };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'health answers and the catalog read permission, on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let scheduler: SchedulerService | undefined;
    const reads = countedReads();
    const user = `Bearer ${mockCredentials.user.token('user:default/alice')}`;
    const service = `Bearer ${mockCredentials.service.token()}`;
    const call = <T>(
      method: 'get' | 'post',
      path: string,
      authorization: string,
      body?: object,
    ) =>
      request(server)
        [method](`/api/data-platform/health/${path}`)
        .set('authorization', authorization)
        .send(body)
        .then(res => ({
          status: res.status,
          body: res.body as T,
          text: res.text,
        }));
    let payrollAlertId: string;

    beforeAll(async () => {
      const dataPlatformDb = await databases.init(databaseId as TestDatabaseId);
      ({ server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleDataPlatform,
          entityProviderModule('health-read-access-test', entities).module,
          reads.factory,
          mockServices.scheduler.factory(),
          // The plugin's store on the database under test; the catalog's
          // beside it on SQLite.
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            async factory({ plugin }) {
              const knex =
                plugin.getId() === 'data-platform'
                  ? dataPlatformDb
                  : await databases.init('SQLITE_3');
              return { getClient: async () => knex };
            },
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
          dataPlatformPlugin,
          mockServices.rootConfig.factory({
            data: {
              catalog: { rules: [{ allow: ['Pipeline', 'DataEndpoint'] }] },
            },
          }),
        ],
      }));

      const catalogHasAll = async () => {
        const res = await request(server)
          .post('/api/catalog/entities/by-refs')
          .set('authorization', service)
          .send({
            entityRefs: entities.map(e =>
              ref(e.kind.toLocaleLowerCase('en-US'), e.metadata.name),
            ),
          });
        return (
          res.status === 200 &&
          (res.body.items as unknown[]).every(item => item !== null)
        );
      };
      for (let tries = 0; !(await catalogHasAll()); tries++) {
        if (tries > 200) throw new Error('the catalog never processed them');
        await new Promise(resolve => setTimeout(resolve, 250));
      }

      // Runs landed until five hours ago; payroll-join then failed, and
      // royalty-report, which reads its output, is late since.
      const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
      const events = [];
      for (let p = thisHour - 9 * HOUR; p < thisHour - 5 * HOUR; p += HOUR) {
        for (const job of ['clean-plays', 'payroll-join', 'royalty-report']) {
          events.push(...hourlyRun({ job, partition: p }));
        }
      }
      events.push(
        ...hourlyRun({
          job: 'payroll-join',
          partition: thisHour - 5 * HOUR,
          outcome: 'FAIL',
          error: SECRET_REASON,
          runId: HIDDEN_RUN,
        }),
      );
      const ingested = await request(server)
        .post('/api/data-platform/openlineage/api/v1/lineage')
        .set('authorization', service)
        .send(events);
      if (ingested.status !== 200) {
        throw new Error(`ingestion answered ${ingested.status}`);
      }

      await scheduler!.triggerTask('data-platform-lineage-catalog-sync');
      await scheduler!.triggerTask('data-platform-health-catalog-sync');
      await scheduler!.triggerTask('data-platform-health-sweep');

      const all = await call<OnCallPage>('get', 'oncall?filter=all', service);
      const payroll = all.body.rows.find(
        r => r.pipelineRef === ref('pipeline', 'payroll-join'),
      );
      if (all.body.rows.length !== 3 || !payroll?.alert) {
        throw new Error(`the sweep judged otherwise: ${all.text}`);
      }
      payrollAlertId = payroll.alert.id;
    });

    it('shows a service every pipeline, the failed one with its alert', async () => {
      const all = await call<OnCallPage>('get', 'oncall?filter=all', service);
      expect(all.body.rows.map(r => r.pipelineRef).sort()).toEqual([
        ref('pipeline', 'clean-plays'),
        ref('pipeline', 'payroll-join'),
        ref('pipeline', 'royalty-report'),
      ]);
      expect(all.body.hidden).toBeUndefined();
      expect(all.text).toContain(payrollAlertId);
      expect(all.text).toContain('Payroll join');
    });

    /** The answer carries no trace of payroll-join. */
    const expectNoPayroll = (text: string) => {
      for (const trace of [...payrollTraces, payrollAlertId]) {
        expect(text).not.toContain(trace);
      }
    };

    it('leaves the hidden pipeline out of the on-call list and says how many', async () => {
      const before = reads.counted.conditional;
      const page = await call<OnCallPage>('get', 'oncall?filter=all', user);
      expect(page.status).toBe(200);
      expectNoPayroll(page.text);
      expect(page.body.rows.map(r => r.pipelineRef).sort()).toEqual([
        ref('pipeline', 'clean-plays'),
        ref('pipeline', 'royalty-report'),
      ]);
      expect(page.body.hidden).toBe(1);
      expect(page.body.total).toBe(3);
      // One decision for the route, one for the catalog's answer about the
      // page's refs: not one per row.
      expect(reads.counted.conditional - before).toBeLessThanOrEqual(2);

      // The root cause upstream is there, but not named.
      const report = page.body.rows.find(
        r => r.pipelineRef === ref('pipeline', 'royalty-report'),
      )!;
      expect(report.state).toBe('late');
      expect(report.rootCause?.chain).toContainEqual(
        expect.objectContaining({ hidden: true }),
      );

      const theirs = await call<OnCallPage>(
        'get',
        'oncall?filter=all&owners=group:default/payroll',
        user,
      );
      expect(theirs.body).toMatchObject({ rows: [], hidden: 1 });
    });

    it('leaves it out of the pipeline states asked for by ref', async () => {
      const states = await call<PipelineStates>(
        'post',
        'pipeline-states',
        user,
        {
          pipelines: [
            ref('pipeline', 'payroll-join'),
            ref('pipeline', 'clean-plays'),
          ],
        },
      );
      expect(states.status).toBe(200);
      expectNoPayroll(states.text);
      expect(states.body.rows.map(r => r.pipelineRef)).toEqual([
        ref('pipeline', 'clean-plays'),
      ]);
      expect(states.body.hidden).toBe(1);
    });

    it('answers 404 for the hidden pipeline, as for an unknown one', async () => {
      const hidden = await call<PipelineHealth>(
        'get',
        'pipelines/default/payroll-join',
        user,
      );
      const unknown = await call<PipelineHealth>(
        'get',
        'pipelines/default/no-such-pipeline',
        user,
      );
      expect(hidden.status).toBe(404);
      expect(unknown.status).toBe(404);
      const error = (body: any) => ({ ...body.error, message: undefined });
      expect(error(hidden.body)).toEqual(error(unknown.body));
      expect((hidden.body as any).error.message).toBe(
        'No pipeline "pipeline:default/payroll-join" in pipeline health',
      );
      expect(hidden.text).not.toContain(SECRET_REASON);
      expect(hidden.text).not.toContain(HIDDEN_RUN);

      const asService = await call<PipelineHealth>(
        'get',
        'pipelines/default/payroll-join',
        service,
      );
      expect(asService.status).toBe(200);
      expect(asService.text).toContain(SECRET_REASON);
    });

    it('keeps the hidden upstream out of a readable pipeline’s health', async () => {
      const health = await call<PipelineHealth>(
        'get',
        'pipelines/default/royalty-report',
        user,
      );
      expect(health.status).toBe(200);
      expectNoPayroll(health.text);
      const blamed = health.body.partitions.filter(p => p.rootCause);
      expect(blamed.length).toBeGreaterThan(0);
      for (const p of blamed) {
        expect(p.rootCause!.chain).toContainEqual(
          expect.objectContaining({ hidden: true }),
        );
      }
      const [alert] = health.body.alerts;
      expect(alert.rootCause?.chain).toContainEqual(
        expect.objectContaining({ hidden: true }),
      );
    });

    it('names no hidden writer of an endpoint, and 404s a hidden endpoint', async () => {
      const audit = await call<EndpointFreshness>(
        'get',
        'endpoints/default/payroll-audit/freshness',
        user,
      );
      expect(audit.status).toBe(200);
      expectNoPayroll(audit.text);
      expect(audit.body).toMatchObject({ writers: [], hiddenWriters: 1 });

      const royalties = await call<EndpointFreshness>(
        'get',
        'endpoints/default/royalties/freshness',
        user,
      );
      expect(royalties.status).toBe(404);
      expectNoPayroll(royalties.text);

      const asService = await call<EndpointFreshness>(
        'get',
        'endpoints/default/payroll-audit/freshness',
        service,
      );
      expect(asService.body.writers.map(w => w.pipelineRef)).toEqual([
        ref('pipeline', 'payroll-join'),
      ]);
    });

    it('answers 404 to acting on the hidden pipeline’s alert, and leaves it open', async () => {
      for (const action of ['acknowledge', 'resolve']) {
        const acted = await call<PipelineAlert>(
          'post',
          `alerts/${payrollAlertId}/${action}`,
          user,
          {},
        );
        expect(acted.status).toBe(404);
        expectNoPayroll(acted.text.replaceAll(payrollAlertId, ''));
      }
      const still = await call<PipelineHealth>(
        'get',
        'pipelines/default/payroll-join',
        service,
      );
      expect(still.body.alerts.find(a => a.id === payrollAlertId)?.state).toBe(
        'open',
      );

      // Their own alert's answer names no hidden upstream either.
      const page = await call<OnCallPage>('get', 'oncall?filter=all', user);
      const report = page.body.rows.find(
        r => r.pipelineRef === ref('pipeline', 'royalty-report'),
      )!;
      const acknowledged = await call<PipelineAlert>(
        'post',
        `alerts/${report.alert!.id}/acknowledge`,
        user,
        { note: 'waiting on upstream' },
      );
      expect(acknowledged.status).toBe(200);
      expectNoPayroll(acknowledged.text);
      expect(acknowledged.body.state).toBe('acknowledged');
    });
  },
);
