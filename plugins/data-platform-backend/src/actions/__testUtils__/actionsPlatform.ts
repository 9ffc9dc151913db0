import {
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
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataPlatform from '@dataplatform/backstage-plugin-catalog-backend-module-data-platform';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import request from 'supertest';
import { dataPlatformPlugin } from '../../plugin';
import { entityProviderModule } from '../../services/CatalogSync/__testUtils__/entityProviderModule';
import {
  HOUR,
  hourlyRun,
} from '../../services/Health/__testUtils__/healthTestbed';
import { restrictedLabelReads } from '../../services/LineageIndex/__testUtils__/restrictedLabelReads';
import {
  endpointEntity as endpoint,
  pipelineEntity as pipeline,
  restricted,
} from '../../services/LineageIndex/__testUtils__/readPolicyEntities';
import {
  columnLineage,
  runEvent,
} from '../../services/OpenLineage/__fixtures__/events';

/*
 * A small data platform in a real catalog, its lineage (declared and
 * observed, with column lineage) and its pipeline health, for the actions.
 * Users may not read what is labelled `restricted`; services read all.
 *
 *   Track Played -> plays-raw -> clean-plays -> plays-clean
 *                       |          -> payroll-join (restricted) -> royalties
 *                       |             (restricted) -> royalty-report
 *                       |             -> royalty-summary
 *                       \-> user-audit (restricted) -> audit-log
 *
 * clean-plays failed five hours ago; payroll-join and royalty-report are
 * late since, because of it. clean-plays' column lineage says it reads
 * user_id and context.device.os of plays-raw.
 */

const apiVersion = 'dataplatform.io/v1alpha1';
export const ref = (kind: string, name: string) => `${kind}:default/${name}`;
export const CLEAN_PLAYS_ERROR = 'BigQuery quota exceeded for acme-data';

const trackPlayed: Entity = {
  apiVersion,
  kind: 'EventType',
  metadata: { name: 'track-played', title: 'Track Played' },
  spec: {
    owner: 'group:default/playback',
    lifecycle: 'production',
    delivery: { partitioning: 'HOUR', retentionDays: 90 },
    schema: {
      revision: 2,
      compatibility: 'BACKWARD',
      fields: [
        { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
        {
          name: 'user_id',
          type: 'STRING',
          mode: 'REQUIRED',
          pii: 'pseudonymize',
        },
        { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
        {
          name: 'context',
          type: 'RECORD',
          fields: [
            {
              name: 'device',
              type: 'RECORD',
              fields: [{ name: 'os', type: 'STRING' }],
            },
          ],
        },
      ],
      history: [
        {
          revision: 1,
          fields: [
            { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'user_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
          ],
        },
      ],
    },
  },
};

export const entities: Entity[] = [
  trackPlayed,
  endpoint('plays-raw', { eventType: 'track-played' }),
  pipeline('clean-plays', 'Clean plays', 'group:default/listening', {
    inputs: ['plays-raw'],
    outputs: ['plays-clean'],
  }),
  endpoint('plays-clean'),
  pipeline(
    'payroll-join',
    'Payroll join',
    'group:default/payroll',
    { inputs: ['plays-clean'], outputs: ['royalties'] },
    restricted,
  ),
  endpoint('royalties', { labels: restricted }),
  pipeline('royalty-report', 'Royalty report', 'group:default/finance', {
    inputs: ['royalties'],
    outputs: ['royalty-summary'],
  }),
  endpoint('royalty-summary'),
  pipeline(
    'user-audit',
    'User audit',
    'group:default/payroll',
    { inputs: ['plays-raw'], outputs: ['audit-log'] },
    restricted,
  ),
  endpoint('audit-log', { labels: restricted }),
];

/** Every trace of the restricted pipelines that a user must not see. */
export const restrictedTraces = [
  'payroll-join',
  'Payroll join',
  'user-audit',
  'User audit',
  'group:default/payroll',
  'royalties',
  'audit-log',
];

const bq = (table: string) => ({
  namespace: 'bigquery',
  name: `acme-data.music.${table}`,
});

/** The test backend with the platform in place, and how to call it. */
export async function startActionsPlatform(extra: {
  features?: BackendFeature[];
  config?: Record<string, unknown>;
}): Promise<{
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  /** A service token: it reads everything. */
  service: string;
}> {
  let scheduler: SchedulerService | undefined;
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDataPlatform,
      entityProviderModule('actions-test', entities).module,
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => restrictedLabelReads,
      }),
      mockServices.scheduler.factory(),
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
      ...(extra.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['EventType', 'Pipeline', 'DataEndpoint'] }],
          },
          backend: { actions: { pluginSources: ['data-platform'] } },
          ...extra.config,
        },
      }),
    ],
  });
  const service = `Bearer ${mockCredentials.service.token()}`;

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
    if (tries > 240) throw new Error('the catalog never processed them');
    await new Promise(resolve => setTimeout(resolve, 250));
  }

  const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
  const events: object[] = [];
  for (let p = thisHour - 9 * HOUR; p < thisHour - 5 * HOUR; p += HOUR) {
    for (const job of ['clean-plays', 'payroll-join', 'royalty-report']) {
      events.push(...hourlyRun({ job, partition: p }));
    }
  }
  events.push(
    ...hourlyRun({
      job: 'clean-plays',
      partition: thisHour - 5 * HOUR,
      outcome: 'FAIL',
      error: CLEAN_PLAYS_ERROR,
    }),
    // An earlier run that recorded which columns clean-plays reads.
    runEvent({
      runId: '0193a3c6-0000-7000-8000-00000000c01a',
      eventTime: new Date(thisHour - 20 * HOUR).toISOString(),
      job: { namespace: 'airflow', name: 'clean-plays' },
      runFacets: {},
      inputs: [bq('plays-raw')],
      outputs: [
        {
          ...bq('plays-clean'),
          facets: columnLineage({
            user_id: [{ input: bq('plays-raw'), field: 'user_id' }],
            platform: [{ input: bq('plays-raw'), field: 'context.device.os' }],
          }),
        },
      ],
    }),
  );
  const ingested = await request(server)
    .post('/api/data-platform/openlineage/api/v1/lineage')
    .set('authorization', service)
    .send(events);
  if (ingested.status !== 200) {
    throw new Error(`ingestion answered ${ingested.status}: ${ingested.text}`);
  }
  await scheduler!.triggerTask('data-platform-lineage-catalog-sync');
  await scheduler!.triggerTask('data-platform-health-catalog-sync');
  await scheduler!.triggerTask('data-platform-health-sweep');

  return { server, service };
}
