import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type {
  DataEndpointEntity,
  EventTypeEntity,
  ObservedResourceOf,
  ProvisioningCatalog,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { migrateClient } from '../../database/migrations';
import { DEFAULT_LEASE_SETTINGS, LeaseSettings } from '../JobLease/JobLease';
import { MemoryProvisioner } from './__testUtils__/MemoryProvisioner';
import { staticCatalog } from './__testUtils__/staticCatalog';
import { ProvisioningEngine, ProvisioningSettings } from './ProvisioningEngine';
import { ProvisionerRegistry } from './ProvisionerRegistry';
import { ProvisioningStore } from './ProvisioningStore';

jest.setTimeout(60_000);

const apiVersion = 'dataplatform.io/v1alpha1' as const;
const TABLE = 'bigquery-table:tunewave-raw.events.track_played';
const DATASET = 'bigquery-dataset:tunewave-raw.events';
const DELIVERY = 'delivery:tunewave-events/track-played.delivery.track_played';
const TOPIC = 'pubsub-topic:tunewave-events/track-played';

function platform(): ProvisioningCatalog & {
  eventType: EventTypeEntity;
  raw: DataEndpointEntity;
} {
  const eventType: EventTypeEntity = {
    apiVersion,
    kind: 'EventType',
    metadata: { name: 'track-played', namespace: 'default' },
    spec: {
      owner: 'playback',
      lifecycle: 'production',
      schema: {
        revision: 1,
        fields: [
          { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
          { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
          { name: 'ip', type: 'STRING', pii: 'drop' },
        ],
      },
      delivery: { partitioning: 'HOUR', retentionDays: 30 },
    },
  };
  const topic: DataEndpointEntity = {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name: 'track-played-topic', namespace: 'default' },
    spec: {
      type: 'pubsub-topic',
      owner: 'playback',
      lifecycle: 'production',
      location: { project: 'tunewave-events', topic: 'track-played' },
      schema: { eventType: 'track-played' },
    },
  };
  const raw: DataEndpointEntity = {
    apiVersion,
    kind: 'DataEndpoint',
    metadata: { name: 'track-played-raw', namespace: 'default' },
    spec: {
      type: 'bigquery-table',
      owner: 'playback',
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
  };
  return {
    eventType,
    raw,
    endpoints: [topic, raw],
    eventTypes: [eventType],
    pipelines: [],
  };
}

const RAW = 'dataendpoint:default/track-played-raw';
const MANUAL = { actor: 'user:default/ada', trigger: 'manual' } as const;
const { leaseMs } = DEFAULT_LEASE_SETTINGS;
const CREATED = [
  `${DATASET} create bigquery-dataset`,
  `${TABLE} create bigquery-table`,
];

/**
 * Holds an apply right before its change of the partition expiration
 * (its second, after a new column) until `resume` resolves.
 */
function holdBeforeExpiration(
  target: MemoryProvisioner,
  resume: (signal: AbortSignal) => Promise<unknown>,
): Promise<void> {
  return new Promise(held => {
    target.beforeChange = async (change, signal) => {
      if (change.action !== 'set-partition-expiration') return;
      target.beforeChange = undefined;
      held();
      await resume(signal!);
    };
  });
}

const settings: ProvisioningSettings = {
  autoApply: 'none',
  requirePartitionFilter: true,
  applyTimeoutMs: 60_000,
};

describe('ProvisioningEngine', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    options: { autoApply?: 'none' | 'additive'; versions?: boolean } = {},
  ) {
    const db = await databases.init(databaseId);
    await migrateClient(db);
    const target = new MemoryProvisioner({ versions: options.versions });
    const registry = new ProvisionerRegistry();
    registry.addProvisioner(target);
    registry.seal();
    const catalog = platform();
    const store = new ProvisioningStore(db);
    const clock = { now: 1_765_000_000_000 };
    /** An engine as another backend instance on the same database runs it. */
    const newEngine = (
      instance: { leases?: LeaseSettings; now?: () => number } = {},
    ) =>
      new ProvisioningEngine({
        store,
        registry,
        catalog: staticCatalog(catalog),
        logger: mockServices.logger.mock(),
        settings: { ...settings, autoApply: options.autoApply ?? 'none' },
        leases: instance.leases,
        now: instance.now ?? (() => clock.now),
      });
    const engine = newEngine();
    const stateOf = async (id: string) =>
      (await store.resources([id])).get(id)?.state;
    return { db, target, catalog, store, engine, stateOf, clock, newEngine };
  }

  it.each(databases.eachSupportedId())(
    'plans everything the catalog asks for and leaves what no provisioner takes unmanaged, %p',
    async databaseId => {
      const { engine, target, stateOf } = await setup(databaseId);
      const summary = await engine.reconcile();
      expect(summary).toMatchObject({
        resources: 5,
        applied: 0,
        states: { pending: 3, unmanaged: 2 },
      });
      // One bulk observe for the three resources it takes.
      expect(target.calls).toEqual(['observe 3']);
      expect(await stateOf(TABLE)).toBe('pending');
      expect(await stateOf(TOPIC)).toBe('unmanaged');
    },
  );

  it.each(databases.eachSupportedId())(
    'says where a reconcile spent its time, %p',
    async databaseId => {
      const { engine } = await setup(databaseId);
      const { steps } = await engine.reconcile();
      expect(Object.keys(steps.observeMs)).toEqual(['memory']);
      for (const ms of [
        steps.readCatalogMs,
        steps.deriveMs,
        steps.observeMs.memory,
        steps.planMs,
        steps.storeMs,
      ]) {
        expect(ms).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves what did not change since it was planned unread and unwritten, yet observed, %p',
    async databaseId => {
      const { engine, store, clock } = await setup(databaseId);
      await engine.reconcile();
      const before = (await store.resources([TABLE])).get(TABLE)!;

      clock.now += 60_000;
      const summary = await engine.reconcile();

      expect(summary).toMatchObject({ resources: 5, unchanged: 5 });
      const after = (await store.resources([TABLE])).get(TABLE)!;
      expect(after.updatedAt).toBe(before.updatedAt);
      expect(after.plan).toEqual(before.plan);
      // Seen unchanged by the second reconcile.
      expect(after.observedAt).toBe(clock.now);
    },
  );

  it.each(databases.eachSupportedId())(
    'observes in full only the resources whose version changed, %p',
    async databaseId => {
      const { engine, target, stateOf } = await setup(databaseId, {
        versions: true,
        autoApply: 'additive',
      });
      await engine.reconcile();
      // What the first one applied is read once more in full.
      await engine.reconcile();
      target.calls.length = 0;

      // Someone added a column by hand.
      const table = target.resources.get(
        TABLE,
      ) as ObservedResourceOf<'bigquery-table'>;
      table.spec.fields.push({ name: 'debug', type: 'STRING' });
      const summary = await engine.reconcile();

      expect(target.calls).toEqual(['versions 3', 'observe 1']);
      expect(summary.unchanged).toBe(4);
      expect(await stateOf(TABLE)).toBe('drifted');
    },
  );

  it.each(databases.eachSupportedId())(
    'plans again what the catalog changed, and everything after a restart, %p',
    async databaseId => {
      const { engine, target, catalog, stateOf, newEngine } = await setup(
        databaseId,
        { versions: true },
      );
      await engine.reconcile();
      // Nothing to skip on a first pass: no versions read.
      expect(target.calls).toEqual(['observe 3']);
      catalog.raw.spec.retentionDays = 7;
      target.calls.length = 0;

      const changed = await engine.reconcile();
      expect(target.calls).toEqual(['versions 3', 'observe 1']);
      expect(changed.unchanged).toBe(4);
      expect(await stateOf(TABLE)).toBe('pending');

      // A provisioner's configuration may have changed with the restart.
      const restarted = await newEngine().reconcile();
      expect(restarted.unchanged).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'applies additive plans by itself under autoApply, in dependency order, %p',
    async databaseId => {
      const { engine, target, stateOf, store } = await setup(databaseId, {
        autoApply: 'additive',
      });
      const summary = await engine.reconcile();
      expect(summary.applied).toBe(3);
      expect(target.calls.filter(c => c.startsWith('apply'))).toEqual([
        `apply ${DATASET}`,
        `apply ${TABLE}`,
        `apply ${DELIVERY}`,
      ]);
      expect(await stateOf(TABLE)).toBe('in-sync');
      const [apply] = await store.history([TABLE], { limit: 10 });
      expect(apply).toMatchObject({
        actor: 'reconcile',
        trigger: 'auto',
        status: 'applied',
        plan: { action: 'create' },
        results: [{ status: 'applied', change: { action: 'create' } }],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'tells a catalog change (pending) from a change behind its back (drifted), %p',
    async databaseId => {
      const { engine, target, catalog, stateOf } = await setup(databaseId, {
        autoApply: 'additive',
      });
      await engine.reconcile();

      // Someone added a column by hand.
      const table = target.resources.get(
        TABLE,
      ) as ObservedResourceOf<'bigquery-table'>;
      table.spec.fields.push({ name: 'debug', type: 'STRING' });
      await engine.reconcile();
      expect(await stateOf(TABLE)).toBe('drifted');
      const drifted = (
        await engine.resourcesOf('dataendpoint:default/track-played-raw')
      ).find(r => r.id === TABLE)!;
      expect(drifted.plan?.refusals).toEqual([
        expect.objectContaining({
          field: 'columns.debug',
          rule: 'a column is never dropped; it stays in the table',
        }),
      ]);

      // The catalog asks for a shorter retention: not additive, so it waits.
      catalog.raw.spec.retentionDays = 7;
      await engine.reconcile();
      expect(await stateOf(TABLE)).toBe('pending');
    },
  );

  it.each(databases.eachSupportedId())(
    'shows a plan that only refuses as blocked, not pending forever, %p',
    async databaseId => {
      const { engine, catalog, stateOf } = await setup(databaseId, {
        autoApply: 'additive',
      });
      await engine.reconcile();
      expect(await stateOf(TABLE)).toBe('in-sync');

      // The catalog retypes a column (no longer pseudonymized, so no longer
      // a keyed hash): refused, and no apply can change that.
      catalog.eventType.spec.schema.fields[1] = {
        name: 'user_id',
        type: 'INT64',
      };
      await engine.reconcile();
      await engine.reconcile();
      expect(await stateOf(TABLE)).toBe('blocked');
      const table = (
        await engine.resourcesOf('dataendpoint:default/track-played-raw')
      ).find(r => r.id === TABLE)!;
      expect(table.plan?.changes).toEqual([]);
      expect(table.plan?.refusals.map(r => r.field)).toEqual([
        'columns.user_id',
      ]);

      // A change to apply besides it: pending again, the refusal still shown.
      catalog.raw.spec.retentionDays = 7;
      await engine.reconcile();
      expect(await stateOf(TABLE)).toBe('pending');
    },
  );

  it.each(databases.eachSupportedId())(
    'applies an entity on request and records a partial failure as such, %p',
    async databaseId => {
      const { engine, target, catalog, stateOf } = await setup(databaseId);
      await engine.applyEntity('dataendpoint:default/track-played-raw', {
        actor: 'user:default/ada',
        trigger: 'manual',
      });
      expect(await stateOf(TABLE)).toBe('in-sync');

      catalog.eventType.spec.schema.fields.push({
        name: 'shuffle',
        type: 'BOOL',
      });
      catalog.raw.spec.retentionDays = 60;
      target.failing.add('set-partition-expiration');
      const progress: string[] = [];
      const applies = await engine.applyEntity(
        'dataendpoint:default/track-played-raw',
        {
          actor: 'user:default/ada',
          trigger: 'manual',
          onProgress: m => progress.push(m),
        },
      );
      expect(applies).toHaveLength(1);
      expect(applies![0]).toMatchObject({
        resourceId: TABLE,
        actor: 'user:default/ada',
        status: 'partial',
        results: [
          { change: { action: 'add-column' }, status: 'applied' },
          {
            change: { action: 'set-partition-expiration' },
            status: 'failed',
            message: 'refused by the memory target',
          },
        ],
      });
      expect(progress).toContain(
        `${TABLE}: set-partition-expiration partitionExpiration: failed (refused by the memory target)`,
      );
      expect(await stateOf(TABLE)).toBe('failed');
      const table = target.resources.get(
        TABLE,
      ) as ObservedResourceOf<'bigquery-table'>;
      expect(table.spec.fields.map(f => f.name)).toContain('shuffle');

      target.failing.clear();
      await engine.applyEntity('dataendpoint:default/track-played-raw', {
        actor: 'user:default/ada',
        trigger: 'manual',
      });
      expect(await stateOf(TABLE)).toBe('in-sync');
    },
  );

  it.each(databases.eachSupportedId())(
    'runs one apply of a resource at a time across instances, %p',
    async databaseId => {
      const { engine, store, target, clock } = await setup(databaseId);
      // Another instance's apply of the dataset, holding its lease.
      let taken!: () => void;
      let finish!: () => void;
      const running = new Promise<void>(r => (taken = r));
      const finished = new Promise<void>(r => (finish = r));
      const other = store
        .applyLease(DATASET, DEFAULT_LEASE_SETTINGS, () => clock.now)
        .run(async () => {
          taken();
          await finished;
        });
      await running;
      const progress: string[] = [];
      await engine.applyEntity('dataendpoint:default/track-played-raw', {
        actor: 'user:default/ada',
        trigger: 'manual',
        onProgress: m => progress.push(m),
      });
      expect(progress[0]).toBe(`${DATASET}: another apply is running, skipped`);
      expect(target.calls).not.toContain(`apply ${DATASET}`);
      finish();
      await other;
    },
  );

  it.each(databases.eachSupportedId())(
    'lets another instance apply a resource once the instance applying it died, making nothing twice, %p',
    async databaseId => {
      const { target, catalog, clock, store, stateOf, newEngine } = await setup(
        databaseId,
      );
      const b = newEngine();
      await b.applyEntity(RAW, MANUAL);
      catalog.eventType.spec.schema.fields.push({
        name: 'shuffle',
        type: 'BOOL',
      });
      catalog.raw.spec.retentionDays = 60;

      // A makes the new column, then dies before the expiration: as after
      // a kill -9, its lease is neither renewed nor released.
      const a = newEngine({
        leases: { ...DEFAULT_LEASE_SETTINGS, renewEveryMs: 24 * 3_600_000 },
      });
      const died = holdBeforeExpiration(target, () => new Promise(() => {}));
      void a.applyEntity(RAW, MANUAL);
      await died;
      expect(target.made).toEqual([
        ...CREATED,
        `${TABLE} add-column columns.shuffle`,
      ]);

      clock.now += leaseMs - 1;
      const progress: string[] = [];
      await b.applyEntity(RAW, {
        ...MANUAL,
        onProgress: m => progress.push(m),
      });
      expect(progress).toContain(`${TABLE}: another apply is running, skipped`);
      expect(target.made).toHaveLength(3);

      clock.now += 2;
      const applies = await b.applyEntity(RAW, MANUAL);
      expect(applies).toEqual([
        expect.objectContaining({
          resourceId: TABLE,
          status: 'applied',
          results: [
            expect.objectContaining({
              change: expect.objectContaining({
                action: 'set-partition-expiration',
              }),
              status: 'applied',
            }),
          ],
        }),
      ]);
      expect(target.made).toEqual([
        ...CREATED,
        `${TABLE} add-column columns.shuffle`,
        `${TABLE} set-partition-expiration partitionExpiration`,
      ]);
      expect(await stateOf(TABLE)).toBe('in-sync');
      // A's apply no longer shows as running: B says what it found made.
      const [, abandoned] = await store.history([TABLE], { limit: 2 });
      expect(abandoned).toMatchObject({
        status: 'partial',
        results: [
          { change: { action: 'add-column' }, status: 'applied' },
          {
            change: { action: 'set-partition-expiration' },
            status: 'skipped',
            message: 'not made: the instance applying it stopped',
          },
        ],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'stops an apply that lost its lease before its next change and records what it made, %p',
    async databaseId => {
      const { target, catalog, clock, stateOf, newEngine } = await setup(
        databaseId,
      );
      const b = newEngine();
      await b.applyEntity(RAW, MANUAL);
      catalog.eventType.spec.schema.fields.push({
        name: 'shuffle',
        type: 'BOOL',
      });
      catalog.raw.spec.retentionDays = 60;

      // A keeps renewing, but its clock stands still: to B, whose clock
      // moves on, A stopped renewing when it began.
      const startedAt = clock.now;
      const a = newEngine({
        leases: { ...DEFAULT_LEASE_SETTINGS, renewEveryMs: 20 },
        now: () => startedAt,
      });
      const held = holdBeforeExpiration(target, signal =>
        signal.aborted
          ? Promise.resolve()
          : new Promise(r => signal.addEventListener('abort', r)),
      );
      const applyingA = a.applyEntity(RAW, MANUAL);
      await held;

      clock.now += leaseMs + 1;
      const [applyB] = (await b.applyEntity(RAW, MANUAL))!;
      expect(applyB).toMatchObject({ resourceId: TABLE, status: 'applied' });

      // A learns at its next renewal that the lease is gone, and stops.
      const [applyA] = (await applyingA)!;
      expect(applyA).toMatchObject({
        resourceId: TABLE,
        status: 'partial',
        results: [
          { change: { action: 'add-column' }, status: 'applied' },
          { change: { action: 'set-partition-expiration' }, status: 'skipped' },
        ],
      });
      expect(target.made).toEqual([
        ...CREATED,
        `${TABLE} add-column columns.shuffle`,
        `${TABLE} set-partition-expiration partitionExpiration`,
      ]);
      expect(await stateOf(TABLE)).toBe('in-sync');
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets the rows of resources the catalog no longer asks for, deleting nothing, %p',
    async databaseId => {
      const { engine, target, catalog, store } = await setup(databaseId, {
        autoApply: 'additive',
      });
      await engine.reconcile();
      catalog.endpoints = catalog.endpoints.filter(e => e !== catalog.raw);
      const summary = await engine.reconcile();
      expect(summary.forgotten).toBe(3);
      expect((await store.resources([TABLE])).size).toBe(0);
      expect(target.resources.has(TABLE)).toBe(true);
    },
  );
});
