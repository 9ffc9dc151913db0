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
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  emptyPartitionMetrics,
  PartitionMetrics,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  dataPlatformQualityExtensionPoint,
  QualityRunner,
  QualityRunRequest,
} from '@dataplatform/backstage-plugin-data-platform-node';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';
import { RecordingNotifications } from '../services/Health/__testUtils__/healthTestbed';

jest.setTimeout(120_000);

const apiVersion = 'dataplatform.io/v1alpha1';
const HOUR = 3_600_000;

function endpoint(owner: string): Entity {
  return {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name: 'plays-hourly', namespace: 'default', etag: '1' },
    spec: {
      type: 'bigquery-table',
      owner,
      lifecycle: 'production',
      location: {
        project: 'tunewave-warehouse',
        dataset: 'listening',
        table: 'plays_hourly',
      },
      schema: {
        fields: [
          { name: 'hour', type: 'TIMESTAMP', mode: 'REQUIRED' },
          { name: 'country', type: 'STRING', description: 'ISO country' },
          { name: 'plays', type: 'INT64', pii: 'none' },
        ],
      },
      partitioning: { granularity: 'HOUR', field: 'hour' },
      quality: [
        {
          type: 'null_rate',
          column: 'country',
          maxNullRate: 0.01,
          severity: 'critical',
        },
        { type: 'volume', minRows: 10 },
      ],
    },
  };
}

/** A warehouse that measured 100 rows, 5 of them without a country. */
class MeasuredWarehouse implements QualityRunner {
  readonly id = 'measured';
  readonly title = 'the measured warehouse';
  readonly dialect = 'postgres' as const;
  readonly requests: QualityRunRequest[] = [];

  handles() {
    return true;
  }

  async runPartition(req: QualityRunRequest) {
    this.requests.push(req);
    const metrics: PartitionMetrics = {
      ...emptyPartitionMetrics(),
      rowCount: 100,
      columns: { country: { nonNullCount: 95 } },
    };
    return {
      metrics,
      queries: [{ sql: 'SELECT COUNT(*) ...', durationMs: 12 }],
    };
  }
}

async function startBackend(options: {
  owner: string;
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /**
   * Catalog reads conditional: the caller reads what the catalog returns
   * them, here the entities below (not the pipelines writing the endpoint).
   */
  conditionalReads?: boolean;
  writtenBy?: string[];
}) {
  const warehouse = new MeasuredWarehouse();
  let scheduler: SchedulerService | undefined;
  const { server } = await startTestBackend({
    features: [
      dataPlatformPlugin,
      catalogServiceMock.factory({
        entities: [
          {
            ...endpoint(options.owner),
            relations: (options.writtenBy ?? []).map(targetRef => ({
              type: 'writtenBy',
              targetRef,
            })),
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'listening', namespace: 'default' },
            spec: { type: 'team', children: [] },
          },
        ],
      }),
      mockServices.scheduler.factory(),
      // Everyone may read the catalog; the plugin's own permissions as asked.
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: options.permission })),
        authorizeConditional: async requests =>
          requests.map(
            (): PolicyDecision =>
              options.conditionalReads
                ? {
                    result: AuthorizeResult.CONDITIONAL,
                    pluginId: 'catalog',
                    resourceType: 'catalog-entity',
                    conditions: {
                      rule: 'IS_ENTITY_KIND',
                      resourceType: 'catalog-entity',
                      params: { kinds: ['dataendpoint', 'group'] },
                    },
                  }
                : { result: AuthorizeResult.ALLOW },
          ),
      }).factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => new RecordingNotifications(),
      }),
      createBackendModule({
        pluginId: 'data-platform',
        moduleId: 'measured-warehouse',
        register(env) {
          env.registerInit({
            deps: {
              quality: dataPlatformQualityExtensionPoint,
              scheduler: coreServices.scheduler,
            },
            async init(deps) {
              deps.quality.addRunner(warehouse);
              scheduler = deps.scheduler;
            },
          });
        },
      }),
    ],
  });
  await scheduler!.triggerTask('data-platform-quality-catalog-sync');
  return { server, warehouse, scheduler: scheduler! };
}

function completedRun(partition: number, inputs: object[] = []) {
  return {
    eventType: 'COMPLETE',
    eventTime: new Date(partition + HOUR + 10 * 60_000).toISOString(),
    producer: 'https://github.com/dbt-labs/dbt-core/tree/1.8.0',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId: '01935f3e-7d41-7a2c-9c1e-3f6a2b8d9e10',
      facets: {
        nominalTime: {
          _producer: 'https://example.com',
          _schemaURL:
            'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
          nominalStartTime: new Date(partition).toISOString(),
          nominalEndTime: new Date(partition + HOUR).toISOString(),
        },
      },
    },
    job: { namespace: 'dbt-prod', name: 'listening.model.plays_hourly' },
    inputs,
    outputs: [
      {
        namespace: 'bigquery',
        name: 'tunewave-warehouse.listening.plays_hourly',
      },
    ],
  };
}

const tab = '/api/data-platform/quality/endpoints/default/plays-hourly';

describe('data quality in the data-platform backend plugin', () => {
  it('checks a partition a run wrote, once, and scores the endpoint', async () => {
    const { server, warehouse, scheduler } = await startBackend({
      owner: 'group:default/listening',
      permission: AuthorizeResult.ALLOW,
    });
    const partition = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
    const posted = await request(server)
      .post('/api/data-platform/openlineage/api/v1/lineage')
      .send([completedRun(partition)]);
    expect(posted.status).toBe(200);

    await scheduler.triggerTask('data-platform-quality-checks');
    expect(warehouse.requests).toHaveLength(1);
    expect(warehouse.requests[0]).toMatchObject({
      partition: {
        start: new Date(partition).toISOString(),
        end: new Date(partition + HOUR).toISOString(),
      },
      checks: [expect.objectContaining({ type: 'null_rate' })],
      labels: { 'dp-endpoint': 'dataendpoint:default/plays-hourly' },
    });

    const shown = await request(server).get(tab);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      runner: { id: 'measured', title: 'the measured warehouse' },
      queued: 0,
      canRun: true,
    });
    // The hour now filling comes first, not judged yet; then the one the run wrote.
    const [filling] = shown.body.filling;
    expect(shown.body.partitions).toEqual([
      filling.partition,
      new Date(partition).toISOString(),
    ]);
    expect(
      shown.body.results.filter((r: any) => r.partition === filling.partition),
    ).toEqual([]);
    const byName = Object.fromEntries(
      shown.body.results.map((r: any) => [r.name, r]),
    );
    expect(byName['null_rate:country']).toMatchObject({
      status: 'fail',
      severity: 'critical',
      source: 'measured',
      actual: 0.05,
      run: { queries: [{ sql: 'SELECT COUNT(*) ...', durationMs: 12 }] },
    });
    expect(byName.volume).toMatchObject({ status: 'pass', actual: 100 });
    // Each deduction says which check, judged when and by whom.
    expect(shown.body.score.components.checks.deductions).toEqual([
      expect.objectContaining({
        checkName: 'null_rate:country',
        source: 'measured',
        evaluatedAt: byName['null_rate:country'].evaluatedAt,
      }),
    ]);
    // The volume history gives each partition the band learned for it.
    expect(shown.body.volume.history).toEqual([
      expect.objectContaining({
        partition: new Date(partition).toISOString(),
        rows: 100,
        band: expect.objectContaining({ status: expect.any(String) }),
      }),
    ]);
    expect(shown.body.volume.band).toEqual(shown.body.volume.history[0].band);
    expect(shown.body.score.score).toBeLessThan(100);

    const scores = await request(server)
      .post('/api/data-platform/quality/scores')
      .send({ entityRefs: ['dataendpoint:default/plays-hourly'] });
    expect(scores.body.scores).toEqual([
      expect.objectContaining({
        entityRef: 'dataendpoint:default/plays-hourly',
        score: shown.body.score.score,
        weakest: 'checks',
      }),
    ]);
  });

  it('names no group in roll-ups that the caller may not read', async () => {
    const { server, scheduler } = await startBackend({
      owner: 'group:default/listening',
      permission: AuthorizeResult.ALLOW,
      conditionalReads: true,
      writtenBy: ['pipeline:default/payroll-join'],
    });
    const partition = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
    await request(server)
      .post('/api/data-platform/openlineage/api/v1/lineage')
      .send([completedRun(partition)]);
    await scheduler.triggerTask('data-platform-quality-checks');

    const byOwner = await request(server)
      .get('/api/data-platform/quality/rollups')
      .query({ by: 'owner' });
    expect(byOwner.body.rollups).toEqual([
      expect.objectContaining({ key: 'group:default/listening', endpoints: 1 }),
    ]);
    expect(byOwner.body.hidden).toBeUndefined();
    const byPipeline = await request(server)
      .get('/api/data-platform/quality/rollups')
      .query({ by: 'pipeline' });
    expect(byPipeline.status).toBe(200);
    expect(byPipeline.body).toEqual({ by: 'pipeline', rollups: [], hidden: 1 });
  });

  it("records dbt's assertions on the endpoint, with their source", async () => {
    const { server } = await startBackend({
      owner: 'group:default/listening',
      permission: AuthorizeResult.ALLOW,
    });
    const partition = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const run = completedRun(partition, [
      {
        namespace: 'bigquery',
        name: 'tunewave-warehouse.listening.plays_hourly',
        inputFacets: {
          dataQualityAssertions: {
            _producer: 'https://github.com/dbt-labs/dbt-core/tree/1.8.0',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json',
            assertions: [
              { assertion: 'not_null', success: true, column: 'hour' },
              {
                assertion: 'unique',
                success: false,
                column: 'hour',
                severity: 'error',
              },
            ],
          },
        },
      },
    ]);
    run.outputs = [];
    expect(
      (
        await request(server)
          .post('/api/data-platform/openlineage/api/v1/lineage')
          .send([run])
      ).status,
    ).toBe(200);
    const shown = await request(server).get(tab);
    const dbt = shown.body.results.filter((r: any) => r.source === 'dbt');
    expect(dbt).toEqual([
      expect.objectContaining({
        name: 'not_null:hour',
        type: 'assertion',
        status: 'pass',
      }),
      expect.objectContaining({
        name: 'unique:hour',
        status: 'fail',
        severity: 'critical',
        partition: new Date(partition).toISOString(),
      }),
    ]);
  });

  it('judges declared checks on the counts Great Expectations reports', async () => {
    const { server } = await startBackend({
      owner: 'group:default/listening',
      permission: AuthorizeResult.ALLOW,
    });
    const partition = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const run = completedRun(partition, [
      {
        namespace: 'bigquery',
        name: 'tunewave-warehouse.listening.plays_hourly',
        inputFacets: {
          dataQualityMetrics: {
            _producer:
              'https://github.com/great-expectations/great_expectations',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-2/DataQualityMetricsInputDatasetFacet.json',
            rowCount: 2000,
            columnMetrics: { country: { nullCount: 4, distinctCount: 60 } },
          },
        },
      },
    ]);
    run.producer = 'https://github.com/great-expectations/great_expectations';
    run.outputs = [];
    await request(server)
      .post('/api/data-platform/openlineage/api/v1/lineage')
      .send([run]);
    const shown = await request(server).get(tab);
    expect(
      shown.body.results
        .filter((r: any) => r.source === 'great_expectations')
        .map((r: any) => [r.name, r.status, r.actual]),
    ).toEqual([
      ['null_rate:country', 'pass', 0.002],
      ['volume', 'pass', 2000],
    ]);
  });

  it('lets owners run checks now and refuses others', async () => {
    const owned = await startBackend({
      owner: 'user:default/mock',
      permission: AuthorizeResult.DENY,
    });
    const partition = new Date(
      Math.floor(Date.now() / HOUR) * HOUR - HOUR,
    ).toISOString();
    const queued = await request(owned.server)
      .post(`${tab}/run`)
      .send({ partition });
    expect(queued.status).toBe(202);
    expect(queued.body.queued.partition).toBe(partition);
    expect(queued.body.queued.waitsUntil).toBeUndefined();
    // The hour now filling is queued, to be checked once it is complete.
    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    const waiting = await request(owned.server)
      .post(`${tab}/run`)
      .send({ partition: new Date(thisHour).toISOString() });
    expect(waiting.status).toBe(202);
    expect(waiting.body.queued.waitsUntil).toBe(
      new Date(thisHour + HOUR).toISOString(),
    );
    const missing = await request(owned.server).post(`${tab}/run`).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'partition: required for a partitioned table',
    );
    const noDay = await request(owned.server)
      .post(`${tab}/run`)
      .send({ partition: '2026-02-30T00:00:00Z' });
    expect(noDay.status).toBe(400);
    expect(noDay.body.error.message).toMatch(
      /^partition: .*has day 30, which 2026-02 does not have/,
    );
    const noVolume = await request(owned.server)
      .post(`${tab}/mark-normal`)
      .send({ partition });
    expect(noVolume.status).toBe(400);
    expect(noVolume.body.error.message).toMatch(/^partition: no volume/);

    const other = await startBackend({
      owner: 'group:default/listening',
      permission: AuthorizeResult.DENY,
    });
    const refused = await request(other.server)
      .post(`${tab}/run`)
      .send({ partition });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Only the owners of dataendpoint:default/plays-hourly or holders of dataplatform.quality.run may do this',
    );
  });

  it('answers 404 for an unknown endpoint and 400 naming a bad field', async () => {
    const { server } = await startBackend({
      owner: 'group:default/listening',
      permission: AuthorizeResult.ALLOW,
    });
    expect(
      (
        await request(server).get(
          '/api/data-platform/quality/endpoints/default/nope',
        )
      ).status,
    ).toBe(404);
    const bad = await request(server)
      .get('/api/data-platform/quality/rollups')
      .query({ by: 'planet' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^by: /);
    // What PostgreSQL cannot store is refused before it gets there.
    const nul = await request(server)
      .post('/api/data-platform/quality/scores')
      .send({ entityRefs: ['dataendpoint:default/plays\u0000'] });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toBe(
      'entityRefs.0: must not contain the NUL character',
    );
    expect(
      (
        await request(server).get(
          '/api/data-platform/quality/endpoints/default/plays%00',
        )
      ).status,
    ).toBe(400);
  });
});
