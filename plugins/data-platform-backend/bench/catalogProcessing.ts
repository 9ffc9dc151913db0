/*
 * Issue 24, point 5: our share of the catalog's processing. The generator's
 * entities go through the real catalog (processing engine, Backstage's
 * default processors and entity policies, stitching, on SQLite in memory, or
 * PostgreSQL with --postgres) four times in one run, each on a backend of
 * its own:
 *
 *   alone      the catalog without our module: it refuses our kinds
 *              ("no processor recognized the entity") after the policies;
 *   accepting  a stand-in processor that accepts our kinds and does nothing
 *              else: the catalog stores them as valid, without relations;
 *   owned      a stand-in that accepts our kinds and emits what a built-in
 *              kind (a Component, say) emits for the same fields: the
 *              ownedBy/ownerOf pair of spec.owner and the partOf/hasPart
 *              pair of spec.system;
 *   ours       the catalog with our module (validation, relations both ways,
 *              the changed-at stamp).
 *
 * Each is timed from the provider's first mutation until nothing is left to
 * process or stitch: wall time and this process's CPU time (SQLite works on
 * this thread). `ours - accepting` is what our processor costs the catalog,
 * its relations included; `ours - owned` is what it costs beyond what the
 * same entities cost as built-in kinds; the catalog's own tracing (ProcessingRun and
 * ProcessingStep spans) splits the processing time per processor step.
 *
 *   yarn bench:catalog:processing [--preset spotify] [--entities 4000|all]
 *                                 [--postgres] [--order alone,accepting,owned,ours]
 *
 * --entities takes every n-th entity of the preset, so that the kinds keep
 * their proportions (the whole spotify preset takes the catalog 20-60 min).
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  catalogProcessingExtensionPoint,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { DATA_PLATFORM_API_VERSION } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  buildPlatform,
  generatePlatformEntities,
  PresetName,
} from '@dataplatform/data-platform-generator';
import { Knex } from 'knex';
import os from 'node:os';
import { Client } from 'pg';
import { flag, printTable, waitFor } from './benchSupport';
import { catalogSpans, SpanTotals } from './catalogSpans';
import { timeProcessorSteps } from './processorSteps';

type Variant = 'alone' | 'accepting' | 'owned' | 'ours';
const VARIANTS: Variant[] = ['alone', 'accepting', 'owned', 'ours'];

type Outcome = {
  variant: Variant;
  wallMs: number;
  cpuMs: number;
  spans: SpanTotals;
  /** Relations stored, by the kind of the entity whose processing emitted them. */
  relations: Map<string, number>;
  /** Entities whose processing ended in errors. */
  failed: number;
};

/** A catalog module that adds one stand-in processor for our kinds. */
function standInModule(moduleId: string, processor: CatalogProcessor) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addProcessor(processor);
        },
      });
    },
  });
}

const acceptsOurKinds = async (entity: Entity) =>
  entity.apiVersion === DATA_PLATFORM_API_VERSION;

/** Accepts our kinds and does nothing else. */
const acceptingModule = standInModule('bench-accepting-processor', {
  getProcessorName: () => 'AcceptingStandIn',
  validateEntityKind: acceptsOurKinds,
});

/**
 * Accepts our kinds and emits what a built-in kind emits for an owner and a
 * system: the relations every catalog entity with those fields costs.
 */
const ownedModule = standInModule('bench-owned-processor', {
  getProcessorName: () => 'OwnedStandIn',
  validateEntityKind: acceptsOurKinds,
  async postProcessEntity(entity, _location, emit) {
    if (entity.apiVersion !== DATA_PLATFORM_API_VERSION) return entity;
    const self = getCompoundEntityRef(entity);
    const pair = (
      target: unknown,
      defaultKind: string,
      forward: string,
      reverse: string,
    ) => {
      if (typeof target !== 'string') return;
      const other = parseEntityRef(target, {
        defaultKind,
        defaultNamespace: self.namespace,
      });
      emit(
        processingResult.relation({
          source: self,
          type: forward,
          target: other,
        }),
      );
      emit(
        processingResult.relation({
          source: other,
          type: reverse,
          target: self,
        }),
      );
    };
    pair(entity.spec?.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    pair(entity.spec?.system, 'System', RELATION_PART_OF, RELATION_HAS_PART);
    return entity;
  },
});

const LOCATION = 'url:https://example.com/catalog-processing-bench/all.yaml';

/**
 * Gives the catalog `entities` in one mutation when it connects, and notes
 * the time and this process's CPU usage then: the measurement starts there,
 * after the backend's start-up.
 */
function timedProvider(entities: Entity[]) {
  let started: { wall: number; cpu: NodeJS.CpuUsage } | undefined;
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-timed-provider',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'catalog-processing-bench',
            async connect(connection) {
              started = { wall: performance.now(), cpu: process.cpuUsage() };
              await connection.applyMutation({
                type: 'full',
                entities: entities.map(entity => ({
                  locationKey: 'catalog-processing-bench',
                  entity: {
                    ...entity,
                    metadata: {
                      ...entity.metadata,
                      annotations: {
                        ...entity.metadata.annotations,
                        [ANNOTATION_LOCATION]: LOCATION,
                        [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
                      },
                    },
                  },
                })),
              });
            },
          });
        },
      });
    },
  });
  return { module, started: () => started };
}

/** Hands the bench the catalog's database client. */
function catalogDatabaseModule() {
  let resolve: (knex: Knex) => void;
  const knex = new Promise<Knex>(r => {
    resolve = r;
  });
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-database-handle',
    register(env) {
      env.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          resolve(await database.getClient());
        },
      });
    },
  });
  return { module, knex };
}

async function processOnce(
  variant: Variant,
  entities: Entity[],
  spans: ReturnType<typeof catalogSpans>,
  usePostgres: boolean,
): Promise<Outcome> {
  const dbName = `dp_bench_catalog_${variant}_${process.pid}`;
  const admin = new Client({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  if (usePostgres) {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  }
  const database = usePostgres
    ? {
        client: 'pg',
        connection: {
          host: '127.0.0.1',
          port: 5432,
          user: 'postgres',
          database: dbName,
        },
      }
    : { client: 'better-sqlite3', connection: ':memory:' };
  const handle = catalogDatabaseModule();
  const provider = timedProvider(entities);
  const totals = spans.collect();
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      ...(variant === 'ours'
        ? [
            import(
              '@dataplatform/backstage-plugin-catalog-backend-module-data-platform'
            ),
          ]
        : []),
      ...(variant === 'accepting' ? [acceptingModule] : []),
      ...(variant === 'owned' ? [ownedModule] : []),
      provider.module,
      handle.module,
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { database },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Domain',
                  'Group',
                  'User',
                  'EventType',
                  'Pipeline',
                  'DataEndpoint',
                ],
              },
            ],
            processingInterval: { hours: 24 },
          },
        },
      }),
    ],
  });
  const knex = await handle.knex;
  await waitFor(
    `the catalog to process and stitch (${variant})`,
    async () => {
      const [{ due }] = await knex('refresh_state')
        .whereNull('result_hash')
        .count({ due: '*' });
      const [{ stitch }] = await knex('stitch_queue').count({ stitch: '*' });
      const [{ stored }] = await knex('refresh_state').count({ stored: '*' });
      process.stdout.write(
        `\r  ${variant}: ${stored} stored, ${due} to process, ${stitch} to stitch   `,
      );
      return (
        Number(stored) >= entities.length &&
        Number(due) === 0 &&
        Number(stitch) === 0
      );
    },
    120,
    250,
  );
  const started = provider.started()!;
  const cpu = process.cpuUsage(started.cpu);
  const wallMs = performance.now() - started.wall;
  process.stdout.write('\n');

  const relationRows = await knex('relations')
    .join(
      'refresh_state',
      'refresh_state.entity_id',
      'relations.originating_entity_id',
    )
    .select('refresh_state.entity_ref as ref');
  const relations = new Map<string, number>();
  for (const { ref } of relationRows) {
    const kind = String(ref).split(':')[0];
    relations.set(kind, (relations.get(kind) ?? 0) + 1);
  }
  const [{ failed }] = await knex('refresh_state')
    .whereNot('errors', '[]')
    .whereNot('errors', '')
    .count({ failed: '*' });
  await backend.stop();
  if (usePostgres) {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  return {
    variant,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    spans: totals,
    relations,
    failed: Number(failed),
  };
}

const OUR_KINDS = ['eventtype', 'pipeline', 'dataendpoint'];

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const wanted = flag('entities', '4000');
  const usePostgres = process.argv.includes('--postgres');
  const order = flag('order', VARIANTS.join(',')).split(',') as Variant[];
  if (order.some(v => !VARIANTS.includes(v))) {
    throw new Error(`--order takes variants among ${VARIANTS.join(', ')}`);
  }
  const platform = buildPlatform({ preset, seed: 7 });
  const everything = [...generatePlatformEntities(platform)];
  const step =
    wanted === 'all'
      ? 1
      : Math.max(1, Math.floor(everything.length / Number(wanted)));
  const entities = everything.filter((_, i) => i % step === 0);
  const ours = entities.filter(e =>
    OUR_KINDS.includes(e.kind.toLocaleLowerCase('en-US')),
  ).length;
  console.log(
    `platform ${preset}: ${everything.length} entities; every ${step}. one: ${
      entities.length
    } entities, ${ours} of our kinds; catalog on ${
      usePostgres ? 'PostgreSQL' : 'SQLite in memory'
    }; load average ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );

  // Our processor's steps alone, over the whole preset.
  const steps = await timeProcessorSteps(everything);
  console.log(
    `\nour processor's steps, one entity at a time, over the whole preset (${steps.entities} entities of our kinds, second round):`,
  );
  printTable(
    ['step', 'µs per entity'],
    [...steps.perEntityUs].map(([name, us]) => [name, us.toFixed(1)]),
    1,
  );
  const emitted = [...steps.relations.values()].reduce((a, b) => a + b, 0);
  console.log(
    `relations emitted: ${(emitted / steps.entities).toFixed(2)} per entity (${[
      ...steps.relations,
    ]
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')})`,
  );
  if (steps.refused.count > 0) {
    console.log(
      `refused by our validation: ${steps.refused.count} (${steps.refused.example})`,
    );
  }
  console.log('');

  const spans = catalogSpans();
  const outcomes = new Map<Variant, Outcome>();
  for (const variant of order) {
    outcomes.set(
      variant,
      await processOnce(variant, entities, spans, usePostgres),
    );
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );

  const runMs = (o: Outcome) => o.spans.get('run')?.ms ?? 0;
  const relationsOf = (o: Outcome) =>
    OUR_KINDS.reduce((sum, k) => sum + (o.relations.get(k) ?? 0), 0);
  printTable(
    [
      'variant',
      'failed',
      'wall s',
      'CPU s',
      'processing runs s',
      'relations from our kinds',
    ],
    [...outcomes.values()].map(o => [
      o.variant,
      String(o.failed),
      (o.wallMs / 1000).toFixed(1),
      (o.cpuMs / 1000).toFixed(1),
      (runMs(o) / 1000).toFixed(1),
      String(relationsOf(o)),
    ]),
    1,
  );

  const mine = outcomes.get('ours');
  const base = outcomes.get('accepting');
  const alone = outcomes.get('alone');
  if (mine && base) {
    const share = (a: number, b: number) =>
      `${(((a - b) / a) * 100).toFixed(1)}%`;
    console.log(
      `\nour share (ours - accepting) / ours: wall ${share(
        mine.wallMs,
        base.wallMs,
      )}, CPU ${share(mine.cpuMs, base.cpuMs)}, processing runs ${share(
        runMs(mine),
        runMs(base),
      )}`,
    );
    console.log(
      `per entity of our kinds: ${(
        ((mine.cpuMs - base.cpuMs) / ours) *
        1000
      ).toFixed(0)} µs CPU more, ${(relationsOf(mine) / ours).toFixed(
        2,
      )} relations stored`,
    );
  }
  const owned = outcomes.get('owned');
  if (mine && owned) {
    const share = (a: number, b: number) =>
      `${(((a - b) / a) * 100).toFixed(1)}%`;
    console.log(
      `our share beyond built-in kinds (ours - owned) / ours: wall ${share(
        mine.wallMs,
        owned.wallMs,
      )}, CPU ${share(mine.cpuMs, owned.cpuMs)}, processing runs ${share(
        runMs(mine),
        runMs(owned),
      )}; ${(((mine.cpuMs - owned.cpuMs) / ours) * 1000).toFixed(
        0,
      )} µs CPU more per entity of our kinds, ${(
        (relationsOf(mine) - relationsOf(owned)) /
        ours
      ).toFixed(2)} relations more`,
    );
  }
  if (mine && alone) {
    console.log(
      `with our module against without it (our kinds refused): wall ${(
        mine.wallMs / alone.wallMs
      ).toFixed(2)}x, CPU ${(mine.cpuMs / alone.cpuMs).toFixed(2)}x`,
    );
  }
  if (mine) {
    const run = runMs(mine);
    const spanSteps = [...mine.spans.entries()]
      .filter(([key]) => key !== 'run' && !key.startsWith('stage.'))
      .sort((a, b) => b[1].ms - a[1].ms);
    const stages = [...mine.spans.entries()]
      .filter(([key]) => key.startsWith('stage.'))
      .sort((a, b) => b[1].ms - a[1].ms);
    console.log(
      `\nwith our module, the catalog's processing runs took ${(
        run / 1000
      ).toFixed(1)} s (${mine.spans.get('run')?.count ?? 0} runs):`,
    );
    printTable(
      ['step (processor.stage)', 'calls', 'ms', 'µs per call', 'of runs'],
      [...spanSteps, ...stages].map(([key, t]) => [
        key,
        String(t.count),
        t.ms.toFixed(0),
        ((t.ms / t.count) * 1000).toFixed(0),
        `${((t.ms / run) * 100).toFixed(1)}%`,
      ]),
      1,
    );
    const ourSteps = spanSteps
      .filter(([key]) => key.startsWith('DataPlatformProcessor.'))
      .reduce((sum, [, t]) => sum + t.ms, 0);
    console.log(
      `DataPlatformProcessor's steps: ${ourSteps.toFixed(0)} ms, ${(
        (ourSteps / run) *
        100
      ).toFixed(1)}% of the processing runs, ${(
        (ourSteps / ours) *
        1000
      ).toFixed(0)} µs per entity of our kinds`,
    );
  }
}

main().then(
  // A stopped test backend can leave a timer or socket of the catalog
  // behind: the figures are printed, so the run ends here.
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
