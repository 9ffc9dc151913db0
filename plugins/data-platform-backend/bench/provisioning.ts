/*
 * Provisioning at Spotify's size (issue 19): the generator's platform
 * (75,000 resources on the spotify preset) observed, planned and applied
 * through the provisioning engine and the GCP module's official clients,
 * pointed at an in-process fake of Google's REST APIs that enforces
 * Google's quotas and counts every call. In one run, each figure beside its
 * baseline:
 *
 * 1. Google API calls of a full observe against one GET per resource;
 * 2. a full plan (the engine's reconcile: read the catalog, derive,
 *    observe, plan, store) of an empty project and of one where everything
 *    exists, against the time one GET per resource takes under the quotas;
 * 3. a re-plan with nothing changed, against the full plan;
 * 4. a full apply from empty through the GCP module, many resources at
 *    once: quota errors the fake answered, retried and surfaced, and the
 *    Google time it takes against the least the quotas allow;
 * 5. a newly registered event type to its topic, schema, delivery and raw
 *    table: Google API round trips (dry run and apply) on GCP, wall time on
 *    the local warehouse (its provisioner on SQLite).
 *
 * The apply and the one-GET-per-resource baseline run in virtual time (the
 * fake's quota windows and the module's limiter read one clock, which moves
 * only when every worker waits on it); everything else in real time. The
 * catalog is read from memory, not through the catalog's API.
 *
 *   yarn bench:provisioning [--preset spotify|large|medium|small]
 *                           [--database postgresql|sqlite] [--concurrency 32]
 *                           [--replans 3]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { desiredResources } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  buildPlatform,
  generatePlatformEntities,
  PresetName,
} from '@dataplatform/data-platform-generator';
import { ProvisionerRegistry } from '../src/services/Provisioning/ProvisionerRegistry';
import { ProvisioningEngine } from '../src/services/Provisioning/ProvisioningEngine';
import { ProvisioningStore } from '../src/services/Provisioning/ProvisioningStore';
import { benchDatabase, flag, sqliteBenchDatabase } from './benchSupport';
import { applyEverything } from './fullApply';
import { gcpAgainstFake } from './gcpAgainstFake';
import { GoogleApiFake } from './googleApiFake/GoogleApiFake';
import { registerOnLocalWarehouse } from './localRegistration';
import { observeOneByOne } from './naiveObserve';
import { deriveAndFingerprintMs, storeEveryRowMs } from './provisioningFloors';
import { printProvisioningReport, TimedReconcile } from './provisioningReport';
import {
  BenchProvisioningCatalog,
  registeredEventType,
} from './provisioningCatalog';
import { VirtualClock } from './virtualClock';

const SETTINGS = {
  autoApply: 'none' as const,
  requirePartitionFilter: true,
  applyTimeoutMs: 60_000,
};

function log(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const database = flag('database', 'postgresql');
  const concurrency = Number(flag('concurrency', '32'));
  const replans = Number(flag('replans', '3'));
  const logger = mockServices.rootLogger({ level: 'error' });

  log(`generating the ${preset} platform`);
  const entities = [...generatePlatformEntities(buildPlatform({ preset }))];
  const catalog = new BenchProvisioningCatalog(entities);
  const fake = new GoogleApiFake();
  const endpoints = await fake.start();
  const { db, drop } =
    database === 'sqlite'
      ? await sqliteBenchDatabase('provisioning')
      : await benchDatabase('provisioning');
  try {
    const registry = new ProvisionerRegistry();
    registry.addProvisioner(gcpAgainstFake(endpoints));
    registry.seal();
    const store = new ProvisioningStore(db);
    const engine = new ProvisioningEngine({
      store,
      registry,
      catalog,
      logger,
      settings: SETTINGS,
    });
    const reconcile = async (label: string): Promise<TimedReconcile> => {
      await fake.takeCounts();
      const started = Date.now();
      const cpu = process.threadCpuUsage();
      const summary = await engine.reconcile();
      const used = process.threadCpuUsage(cpu);
      const ms = Date.now() - started;
      const cpuMs = (used.user + used.system) / 1000;
      const counts = await fake.takeCounts();
      log(`${label}: ${ms} ms, ${summary.unchanged} unchanged`);
      return { label, summary, ms, cpuMs, counts };
    };

    const emptyPlan = await reconcile('full plan of an empty project');

    log(`full apply through the GCP module, ${concurrency} resources at once`);
    const { resources } = desiredResources(await catalog.readAll(), {
      requirePartitionFilter: SETTINGS.requirePartitionFilter,
    });
    const applyClock = new VirtualClock(Date.now());
    await fake.useTime(applyClock.shared);
    const apply = await applyEverything(
      resources,
      gcpAgainstFake(endpoints, applyClock),
      applyClock,
      { concurrency, logger },
    );
    const applyCounts = await fake.takeCounts();
    await fake.useTime();

    const fullPlan = await reconcile('full plan, everything exists');
    const replanRuns: TimedReconcile[] = [];
    for (let i = 0; i < replans; i++) {
      replanRuns.push(await reconcile(`re-plan ${i + 1}, nothing changed`));
    }

    log('floors: deriving and fingerprinting alone, storing alone');
    const floors = {
      deriveMs: deriveAndFingerprintMs(await catalog.readAll()),
      storeMs: await storeEveryRowMs(
        store,
        resources.map(r => r.id),
      ),
    };

    log('baseline: one GET per resource, 100 per second per method');
    const naiveClock = new VirtualClock(Date.now());
    await fake.useTime(naiveClock.shared);
    const naive = await observeOneByOne(
      resources,
      endpoints.bigQuery,
      naiveClock,
      concurrency,
    );
    const naiveCounts = await fake.takeCounts();
    await fake.useTime();

    log('registering a new event type');
    const registration = registeredEventType(
      entities,
      'bench-registered-event',
    );
    const eventTypeRef = stringifyEntityRef(registration.eventType);
    catalog.register(registration.entities);
    await fake.takeCounts();
    await engine.planDraft(registration.entities);
    const dryRun = await fake.takeCounts();
    const applies = await engine.applyEntity(eventTypeRef, {
      actor: 'user:default/bench',
      trigger: 'scaffolder',
    });
    const registered = await fake.takeCounts();
    const after = await engine.refreshEntity(eventTypeRef);
    await fake.takeCounts();
    const local = await registerOnLocalWarehouse(
      catalog,
      registration.entities,
      { eventTypeRef, settings: SETTINGS, logger },
    );

    printProvisioningReport({
      preset,
      database: database === 'sqlite' ? 'SQLite' : 'PostgreSQL',
      resources,
      emptyPlan,
      fullPlan,
      replans: replanRuns,
      floors,
      apply: { ...apply, counts: applyCounts, concurrency },
      naive: { ...naive, counts: naiveCounts },
      registration: {
        dryRun,
        apply: registered,
        created: applies?.length ?? 0,
        states: (after?.resources ?? []).map(r => ({
          id: r.id,
          state: r.state,
        })),
      },
      local,
      fake: await fake.stats(),
    });
  } finally {
    await fake.stop();
    await drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
