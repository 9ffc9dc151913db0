import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DesiredResource,
  ObservedResource,
  planResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Provisioner } from '@dataplatform/backstage-plugin-data-platform-node';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ProvisionerRegistry } from './ProvisionerRegistry';
import type {
  ProvisioningStore,
  ResourceStanding,
  StoredResource,
} from './ProvisioningStore';
import {
  noSteps,
  ReconcileSteps,
  timeObserve,
  timeStep,
} from './reconcileSteps';
import { KnownStandings } from './KnownStandings';
import { resourceState } from './resourceState';

/** A digest of what the catalog asks for of a resource. */
export function desiredFingerprint(desired: DesiredResource): string {
  return createHash('sha256').update(JSON.stringify(desired)).digest('hex');
}

/**
 * An observation's version: the provisioner's own, or a digest of what it
 * found; '' when the resource does not exist.
 */
function versionOf(observed: ObservedResource | undefined): string {
  if (!observed) return '';
  return (
    observed.version ??
    createHash('sha1').update(JSON.stringify(observed)).digest('base64')
  );
}

/** What a plan was made from: its provisioner, the desired and observed state, the last apply. */
type Basis = {
  provisioner?: string;
  desiredFingerprint: string;
  observedVersion: string;
  lastApplyId?: number;
};

const sameBasis = (a: Basis, b: Basis) =>
  a.desiredFingerprint === b.desiredFingerprint &&
  a.observedVersion === b.observedVersion &&
  a.provisioner === b.provisioner &&
  a.lastApplyId === b.lastApplyId;

type VersionMap = Map<string, string>;
type Settled<T> = { value: T } | { error: unknown };

/** A promise that never rejects, so that one can wait for it later. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    value => ({ value }),
    error => ({ error }),
  );
}

function unwrap<T>(result: Settled<T>): T {
  if ('error' in result) throw result.error;
  return result.value;
}

/** Rows planned, then written while the next ones are planned. */
const ROWS_PER_WRITE = 5_000;
/** Resources fingerprinted between which reads in flight are answered. */
const FINGERPRINTS_AT_ONCE = 2_000;

/** The desired fingerprints, letting the event loop run between slices. */
async function fingerprintsOf(
  resources: DesiredResource[],
  steps: ReconcileSteps,
): Promise<Map<string, string>> {
  const fingerprints = new Map<string, string>();
  for (let i = 0; i < resources.length; i += FINGERPRINTS_AT_ONCE) {
    if (i > 0) await new Promise(resolve => setImmediate(resolve));
    const started = performance.now();
    for (const resource of resources.slice(i, i + FINGERPRINTS_AT_ONCE)) {
      fingerprints.set(resource.id, desiredFingerprint(resource));
    }
    steps.planMs += performance.now() - started;
  }
  return fingerprints;
}

/** What one pass found: rows planned and stored anew, and those left as they were. */
export type RecordedPass = {
  recorded: StoredResource[];
  /** Resources whose stored plan still holds: nothing it was made from changed. */
  unchanged: ResourceStanding[];
};

/**
 * Observes resources through their provisioners in bulk, plans each and
 * stores where it stands. An incremental pass (a reconcile) asks
 * provisioners that can tell for their resources' versions first, and
 * observes, plans and stores again only the resources whose version or
 * desired state changed since this instance last planned them: at 70,000
 * resources an unchanged reconcile then writes nothing.
 */
export class PlanRecorder {
  /**
   * The basis of each plan this instance stored. Empty after a restart, so
   * that the first reconcile plans everything: a provisioner's capabilities
   * (its configuration) may have changed meanwhile.
   */
  private readonly planned = new Map<string, Basis>();
  private readonly known: KnownStandings;

  constructor(
    private readonly deps: {
      store: ProvisioningStore;
      registry: ProvisionerRegistry;
      logger: LoggerService;
      now: () => number;
      /** This engine instance, as the writer of the rows it stores. */
      writer: string;
    },
  ) {
    this.known = new KnownStandings(deps.store, deps.now, deps.writer);
  }

  /** Where every stored resource stands, reading only what changed since the last time where it can. */
  readStandings(): Promise<Map<string, ResourceStanding>> {
    return this.known.read();
  }

  /**
   * Observes, plans and stores resources, skipping unchanged ones when
   * `incremental`. The provisioners' version reads and the standings read
   * run while the desired fingerprints are computed.
   */
  async observeAndRecord(
    resources: DesiredResource[],
    options: {
      signal?: AbortSignal;
      steps?: ReconcileSteps;
      /** Where each resource stood, when the caller has started reading it. */
      standings?: Promise<Map<string, ResourceStanding>>;
      incremental?: boolean;
    } = {},
  ): Promise<RecordedPass> {
    const { store, registry, logger } = this.deps;
    const { signal, incremental } = options;
    const steps = options.steps ?? noSteps();
    const standingsRead = settled(
      options.standings ??
        timeStep(steps, 'storeMs', () =>
          store.standings(resources.map(r => r.id)),
        ),
    );
    const groups = new Map<Provisioner | undefined, DesiredResource[]>();
    for (const resource of resources) {
      const provisioner = registry.forResource(resource);
      const group = groups.get(provisioner);
      if (group) group.push(resource);
      else groups.set(provisioner, [resource]);
    }
    const versionReads = new Map<Provisioner, Promise<Settled<VersionMap>>>();
    for (const [provisioner, group] of groups) {
      // Versions tell what can be skipped; on a first pass nothing can.
      const plannedBefore = group.some(r => this.planned.has(r.id));
      if (incremental && provisioner?.versions && plannedBefore) {
        versionReads.set(
          provisioner,
          settled(
            timeObserve(steps, provisioner.id, () =>
              provisioner.versions!(group, { signal, logger }),
            ),
          ),
        );
      }
    }
    const fingerprints = await fingerprintsOf(resources, steps);
    const standings = unwrap(await standingsRead);
    let recorded: StoredResource[] = [];
    const unchanged: ResourceStanding[] = [];
    const context = { fingerprints, standings, steps };
    for (const [provisioner, group] of groups) {
      if (signal?.aborted) break;
      let versions: VersionMap | undefined;
      let observed = new Map<string, ObservedResource>();
      let stale = group;
      if (provisioner) {
        try {
          const read = versionReads.get(provisioner);
          if (read) {
            const found = unwrap(await read);
            versions = found;
            stale = group.filter(
              r => !this.unchanged(r, provisioner, found.get(r.id), context),
            );
          }
          if (stale.length) {
            observed = await timeObserve(steps, provisioner.id, () =>
              provisioner.observe(stale, { signal, logger }),
            );
          }
        } catch (error) {
          // The resource's error is the cause alone: pages and logs say
          // where it came from in their own sentences.
          const message = String((error as Error)?.message ?? error);
          logger.warn(
            `Could not observe ${group.length} resource(s) in ${provisioner.title}: ${message}`,
          );
          recorded = recorded.concat(
            await this.record(group, provisioner, new Map(), {
              ...context,
              error: message,
            }),
          );
          continue;
        }
      }
      const observedAt = this.deps.now();
      if (!versions) {
        versions = new Map(
          stale.map(r => [r.id, versionOf(observed.get(r.id))]),
        );
        if (incremental) {
          const digests = versions;
          stale = stale.filter(
            r => !this.unchanged(r, provisioner, digests.get(r.id), context),
          );
        }
      }
      const staleIds = new Set(stale.map(r => r.id));
      for (const resource of group) {
        if (!staleIds.has(resource.id)) {
          unchanged.push(standings.get(resource.id)!);
        }
      }
      recorded = recorded.concat(
        await this.record(stale, provisioner, observed, {
          ...context,
          versions,
        }),
      );
      if (provisioner) {
        await timeStep(steps, 'storeMs', () =>
          store.recordObservation(provisioner.id, observedAt),
        );
      }
    }
    return { recorded, unchanged };
  }

  /** Plans resources against what was observed and stores where they stand. */
  async record(
    resources: DesiredResource[],
    provisioner: Provisioner | undefined,
    observed: Map<string, ObservedResource | undefined>,
    options: {
      /** Why the provisioner could not be read: rows keep their last plan. */
      error?: string;
      /** Observed versions by id; digests of the observations otherwise. */
      versions?: Map<string, string>;
      fingerprints?: Map<string, string>;
      standings?: Map<string, ResourceStanding>;
      steps?: ReconcileSteps;
    } = {},
  ): Promise<StoredResource[]> {
    if (!resources.length) return [];
    const { store } = this.deps;
    const { error } = options;
    const steps = options.steps ?? noSteps();
    const ids = resources.map(r => r.id);
    const standings =
      options.standings ??
      (await timeStep(steps, 'storeMs', () => store.standings(ids)));
    // Rows that cannot be observed keep their plan and observation time.
    const before = error
      ? await timeStep(steps, 'storeMs', () => store.resources(ids))
      : undefined;
    const now = this.deps.now();
    const rowOf = (desired: DesiredResource): StoredResource => {
      const standing = standings.get(desired.id);
      const fingerprint =
        options.fingerprints?.get(desired.id) ?? desiredFingerprint(desired);
      const current = observed.get(desired.id);
      const plan =
        provisioner && !error
          ? planResource(desired, current, provisioner.capabilities)
          : undefined;
      const state = error
        ? standing?.state ?? 'pending'
        : resourceState({
            managed: !!provisioner,
            plan,
            desiredFingerprint: fingerprint,
            appliedFingerprint: standing?.appliedFingerprint,
            lastApply: standing?.lastApply,
          });
      const kept = before?.get(desired.id);
      return {
        id: desired.id,
        type: desired.type,
        entityRef: desired.entityRef,
        eventTypeRef: desired.eventType,
        owner: desired.owner,
        provisioner: provisioner?.id,
        state,
        desired,
        desiredFingerprint: fingerprint,
        // The desired state it was last seen in sync with: a later
        // difference under the same desired state is drift.
        appliedFingerprint:
          state === 'in-sync' ? fingerprint : standing?.appliedFingerprint,
        observedVersion: error
          ? standing?.observedVersion
          : current?.version ??
            options.versions?.get(desired.id) ??
            versionOf(current),
        // What was found explains a plan; in sync, it is what is desired.
        observed:
          plan && (plan.changes.length || plan.refusals.length)
            ? current
            : undefined,
        plan: plan ?? (error ? kept?.plan : undefined),
        error,
        observedAt: provisioner && !error ? now : kept?.observedAt,
        lastApplyId: standing?.lastApplyId,
        updatedAt: now,
      };
    };
    // A slice is planned while the one before is written.
    let rows: StoredResource[] = [];
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < resources.length; i += ROWS_PER_WRITE) {
      const started = performance.now();
      const slice = resources.slice(i, i + ROWS_PER_WRITE).map(rowOf);
      steps.planMs += performance.now() - started;
      await writing;
      writing = timeStep(steps, 'storeMs', () =>
        store.putResources(slice, this.deps.writer),
      );
      writing.catch(() => {}); // awaited in the next round or below
      rows = rows.concat(slice);
    }
    await writing;
    for (const row of rows) this.remember(row);
    this.known.remember(rows, standings);
    return rows;
  }

  /** Keeps what a stored plan was made from; forgets it when it could not be observed. */
  private remember(row: StoredResource) {
    if (row.error || row.observedVersion === undefined) {
      this.planned.delete(row.id);
      return;
    }
    this.planned.set(row.id, {
      provisioner: row.provisioner,
      desiredFingerprint: row.desiredFingerprint,
      observedVersion: row.observedVersion,
      lastApplyId: row.lastApplyId,
    });
  }

  /** Forgets the plans of resources no longer asked for. */
  forget(ids: string[]): void {
    for (const id of ids) this.planned.delete(id);
    this.known.forget(ids);
  }

  /** Whether this instance planned the resource from what it is now, and the stored row still says so. */
  private unchanged(
    resource: DesiredResource,
    provisioner: Provisioner | undefined,
    version: string | undefined,
    context: {
      fingerprints: Map<string, string>;
      standings: Map<string, ResourceStanding>;
    },
  ): boolean {
    const standing = context.standings.get(resource.id);
    const planned = this.planned.get(resource.id);
    if (
      !planned ||
      !standing ||
      standing.error ||
      standing.observedVersion === undefined
    ) {
      return false;
    }
    const now: Basis = {
      provisioner: provisioner?.id,
      desiredFingerprint: context.fingerprints.get(resource.id)!,
      observedVersion: version ?? '',
      lastApplyId: standing.lastApplyId,
    };
    return sameBasis(planned, now) && sameBasis(standing as Basis, now);
  }
}
