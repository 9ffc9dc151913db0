import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ApplyTrigger,
  dependencyOrder,
  DesiredResource,
  desiredResources,
  DesiredStateProblem,
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  ObservedResource,
  planResource,
  ProvisioningCatalog,
  ResourcePlan,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Provisioner } from '@dataplatform/backstage-plugin-data-platform-node';
import { randomUUID } from 'node:crypto';
import type { LeaseSettings } from '../JobLease/JobLease';
import { ApplyRequestOf, applyResource } from './applyResource';
import type { ProvisioningCatalogSource } from './ProvisioningCatalogReader';
import type { ProvisionerRegistry } from './ProvisionerRegistry';
import { PlanRecorder } from './PlanRecorder';
import { noSteps, ReconcileSteps, timeStep } from './reconcileSteps';
import type {
  ProvisioningStore,
  StoredApply,
  StoredResource,
} from './ProvisioningStore';

/** How provisioning behaves, from `dataPlatform.provisioning`. */
export type ProvisioningSettings = {
  /** `additive`: the scheduled reconcile applies additive plans by itself. */
  autoApply: 'none' | 'additive';
  requirePartitionFilter: boolean;
  /**
   * How long one resource's apply may run; it stops before its next
   * change after that.
   */
  applyTimeoutMs: number;
};

/** What one reconcile found. */
export type ReconcileSummary = {
  resources: number;
  /** Resources not planned or stored again: nothing they were planned from changed. */
  unchanged: number;
  problems: number;
  forgotten: number;
  /** Resources per state. */
  states: Record<string, number>;
  /** Resources the reconcile applied by itself (autoApply). */
  applied: number;
  durationMs: number;
  /** Where the time went. */
  steps: ReconcileSteps;
};

const inDependencyOrder = (resources: DesiredResource[]) =>
  dependencyOrder(
    resources,
    r => r.id,
    r => r.dependsOn,
  );

/**
 * Keeps the infrastructure the catalog describes: derives the desired
 * resources, has each resource's provisioner observe them in bulk, plans
 * each and records where it stands; applies an entity's plans one resource
 * at a time, in dependency order, under a per-resource lease, recording
 * every apply in the audit log.
 */
export class ProvisioningEngine {
  private readonly holder = randomUUID();
  private readonly now: () => number;
  private readonly recorder: PlanRecorder;

  constructor(
    private readonly options: {
      store: ProvisioningStore;
      registry: ProvisionerRegistry;
      catalog: ProvisioningCatalogSource;
      logger: LoggerService;
      settings: ProvisioningSettings;
      /** The apply leases' duration and renewal; default `DEFAULT_LEASE_SETTINGS`. */
      leases?: LeaseSettings;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.recorder = new PlanRecorder({
      ...options,
      now: this.now,
      writer: this.holder,
    });
  }

  get settings(): ProvisioningSettings {
    return this.options.settings;
  }

  /**
   * Observes and plans every resource the catalog asks for; forgets the
   * rows of resources it no longer asks for (the resources stay: nothing is
   * deleted). Resources whose desired state and observed version did not
   * change since this instance planned them keep their plan, unread and
   * unwritten. With `autoApply: additive`, applies the plans whose every
   * change is additive.
   */
  async reconcile(signal?: AbortSignal): Promise<ReconcileSummary> {
    const started = this.now();
    const steps = noSteps();
    const catalog = await timeStep(steps, 'readCatalogMs', () =>
      this.options.catalog.readAll(),
    );
    const { store } = this.options;
    // Read while the desired resources are derived.
    const standingsRead = timeStep(steps, 'storeMs', () =>
      this.recorder.readStandings(),
    );
    standingsRead.catch(() => {}); // awaited below, where it fails the reconcile
    const { resources, problems } = await timeStep(steps, 'deriveMs', () =>
      this.derive(catalog),
    );
    const pass = await this.recorder.observeAndRecord(resources, {
      signal,
      steps,
      standings: standingsRead,
      incremental: true,
    });
    const wanted = new Set(resources.map(r => r.id));
    const forgotten = [...(await standingsRead).keys()].filter(
      id => !wanted.has(id),
    );
    await timeStep(steps, 'storeMs', () => store.removeResources(forgotten));
    this.recorder.forget(forgotten);

    let applied = 0;
    if (this.options.settings.autoApply === 'additive') {
      // Unchanged plans still waiting are applied again, as changed ones are.
      const waiting = pass.unchanged
        .filter(r => r.state === 'pending' || r.state === 'drifted')
        .map(r => r.id);
      const candidates = pass.recorded.concat([
        ...(await store.resources(waiting)).values(),
      ]);
      const additive = candidates.filter(
        r =>
          r.plan &&
          (r.state === 'pending' || r.state === 'drifted') &&
          r.plan.changes.length > 0 &&
          r.plan.changes.every(c => c.additive),
      );
      const byId = new Map(resources.map(r => [r.id, r]));
      for (const resource of inDependencyOrder(additive.map(r => r.desired))) {
        if (signal?.aborted) break;
        const record = await this.applyOne(byId.get(resource.id)!, {
          actor: 'reconcile',
          trigger: 'auto',
          onlyAdditive: true,
        });
        if (record?.status === 'applied') applied++;
      }
    }

    const states: Record<string, number> = {};
    for (const r of [...pass.recorded, ...pass.unchanged]) {
      states[r.state] = (states[r.state] ?? 0) + 1;
    }
    const summary: ReconcileSummary = {
      resources: resources.length,
      unchanged: pass.unchanged.length,
      problems: problems.length,
      forgotten: forgotten.length,
      states,
      applied,
      durationMs: this.now() - started,
      steps,
    };
    await this.options.store.recordReconcile(this.now(), summary);
    return summary;
  }

  /**
   * Observes and plans the resources of one entity (and what they depend
   * on) now. Undefined when the entity is not in the catalog.
   */
  async refreshEntity(
    entityRef: string,
  ): Promise<
    { resources: StoredResource[]; problems: DesiredStateProblem[] } | undefined
  > {
    const catalog = await this.options.catalog.readAround(entityRef);
    if (!catalog) return undefined;
    const { resources, problems } = this.derive(catalog);
    const mine = resourcesOfEntity(resources, entityRef);
    const { recorded } = await this.recorder.observeAndRecord(mine);
    return {
      resources: recorded,
      problems: problems.filter(p => p.entityRef === entityRef),
    };
  }

  /**
   * Applies the plans of an entity's resources (or of some of them) in
   * dependency order; a resource whose dependency could not be created is
   * skipped. Returns the applies, one per resource that had changes.
   */
  async applyEntity(
    entityRef: string,
    request: {
      actor: string;
      trigger: ApplyTrigger;
      resourceIds?: string[];
      /**
       * Whether the caller may apply resources of this owner; resources of
       * other owners (an event type's page also shows other teams' tables)
       * are skipped. Default: every owner.
       */
      mayApplyOwner?: (ownerRef: string) => boolean;
      onProgress?: (message: string) => void;
    },
  ): Promise<StoredApply[] | undefined> {
    const catalog = await this.options.catalog.readAround(entityRef);
    if (!catalog) return undefined;
    const { resources } = this.derive(catalog);
    let mine = resourcesOfEntity(resources, entityRef);
    const mayApply = request.mayApplyOwner;
    if (mayApply) {
      for (const r of mine) {
        if (r.type !== 'bigquery-dataset' && !mayApply(r.owner)) {
          request.onProgress?.(
            `${r.id}: skipped, owned by ${r.owner}, whom the caller does not act for`,
          );
        }
      }
      // A dataset comes with the tables that need it, whoever owns it.
      mine = mine.filter(
        r => r.type === 'bigquery-dataset' || mayApply(r.owner),
      );
    }
    if (request.resourceIds) {
      const asked = new Set(request.resourceIds);
      const withDeps = new Set<string>();
      const byId = new Map(mine.map(r => [r.id, r]));
      const add = (id: string) => {
        if (withDeps.has(id) || !byId.has(id)) return;
        withDeps.add(id);
        byId.get(id)!.dependsOn.forEach(add);
      };
      asked.forEach(add);
      mine = mine.filter(r => withDeps.has(r.id));
    }
    const applies: StoredApply[] = [];
    const failed = new Set<string>();
    for (const desired of inDependencyOrder(mine)) {
      const blocked = desired.dependsOn.find(dep => failed.has(dep));
      if (blocked) {
        failed.add(desired.id);
        request.onProgress?.(
          `${desired.id}: skipped, ${blocked} could not be created`,
        );
        continue;
      }
      const record = await this.applyOne(desired, {
        actor: request.actor,
        trigger: request.trigger,
        onProgress: request.onProgress,
      });
      if (record) {
        applies.push(record);
        if (record.status === 'failed' && record.plan.action === 'create') {
          failed.add(desired.id);
        }
      }
    }
    return applies;
  }

  /**
   * Plans entities that are not (or not yet in this form) in the catalog,
   * e.g. what a scaffolder template is about to register, against what
   * exists: the catalog's entities around them, with these in place of
   * theirs. Stores nothing.
   */
  async planDraft(entities: Entity[]): Promise<{
    resources: Array<{
      desired: DesiredResource;
      plan?: ResourcePlan;
      provisioner?: Provisioner;
    }>;
    problems: DesiredStateProblem[];
  }> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const around: ProvisioningCatalog[] = [];
    for (const ref of refs) {
      const catalog = await this.options.catalog.readAround(ref);
      if (catalog) around.push(catalog);
    }
    const drafts = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    const merge = <T extends Entity>(
      lists: T[][],
      guard: (e: Entity) => e is T,
    ) => {
      const byRef = new Map<string, T>();
      for (const list of lists) {
        for (const e of list) byRef.set(stringifyEntityRef(e), e);
      }
      for (const [ref, e] of drafts) if (guard(e)) byRef.set(ref, e);
      return [...byRef.values()];
    };
    const catalog: ProvisioningCatalog = {
      endpoints: merge(
        around.map(c => c.endpoints),
        isDataEndpointEntity,
      ),
      eventTypes: merge(
        around.map(c => c.eventTypes),
        isEventTypeEntity,
      ),
      pipelines: merge(
        around.map(c => c.pipelines),
        isPipelineEntity,
      ),
      emailOf: ref => around.map(c => c.emailOf?.(ref)).find(Boolean),
    };
    const { resources, problems } = this.derive(catalog);
    const mine = refs.flatMap(ref => resourcesOfEntity(resources, ref));
    const unique = [...new Map(mine.map(r => [r.id, r])).values()];
    const planned: Array<{
      desired: DesiredResource;
      plan?: ResourcePlan;
      provisioner?: Provisioner;
    }> = [];
    const byProvisioner = new Map<Provisioner | undefined, DesiredResource[]>();
    for (const resource of inDependencyOrder(unique)) {
      const provisioner = this.options.registry.forResource(resource);
      byProvisioner.set(provisioner, [
        ...(byProvisioner.get(provisioner) ?? []),
        resource,
      ]);
    }
    for (const [provisioner, group] of byProvisioner) {
      const observed = provisioner
        ? await provisioner.observe(group, { logger: this.options.logger })
        : new Map<string, ObservedResource>();
      for (const desired of group) {
        planned.push({
          desired,
          provisioner,
          plan: provisioner
            ? planResource(
                desired,
                observed.get(desired.id),
                provisioner.capabilities,
              )
            : undefined,
        });
      }
    }
    return {
      resources: planned,
      problems: problems.filter(p => drafts.has(p.entityRef)),
    };
  }

  /** The stored resources an entity's page shows, with their last applies. */
  async resourcesOf(entityRef: string): Promise<StoredResource[]> {
    const own = await this.options.store.resourcesOf(entityRef);
    const deps = new Set(own.flatMap(r => r.desired.dependsOn));
    own.forEach(r => deps.delete(r.id));
    const extra = await this.options.store.resources([...deps]);
    return [...own, ...extra.values()];
  }

  /** Applies one resource's plan under its lease; undefined when there was nothing to do. */
  private async applyOne(
    desired: DesiredResource,
    request: ApplyRequestOf,
  ): Promise<StoredApply | undefined> {
    const provisioner = this.options.registry.forResource(desired);
    if (!provisioner) return undefined;
    const { store, logger, settings, leases } = this.options;
    return applyResource(
      {
        store,
        recorder: this.recorder,
        logger,
        applyTimeoutMs: settings.applyTimeoutMs,
        leases,
        now: this.now,
        writer: this.holder,
      },
      desired,
      provisioner,
      request,
    );
  }

  private derive(catalog: ProvisioningCatalog) {
    return desiredResources(catalog, {
      requirePartitionFilter: this.options.settings.requirePartitionFilter,
    });
  }
}

/** The resources an entity's page and apply concern. */
function resourcesOfEntity(
  resources: DesiredResource[],
  entityRef: string,
): DesiredResource[] {
  const byId = new Map(resources.map(r => [r.id, r]));
  const selected = new Map<string, DesiredResource>();
  const add = (resource: DesiredResource) => {
    if (selected.has(resource.id)) return;
    selected.set(resource.id, resource);
    for (const dep of resource.dependsOn) {
      const dependency = byId.get(dep);
      // A dependency is applied with the entity only to create it.
      if (dependency && dependency.type === 'bigquery-dataset') add(dependency);
    }
  };
  for (const resource of resources) {
    if (resource.entityRef === entityRef || resource.eventType === entityRef) {
      add(resource);
    }
  }
  return [...selected.values()];
}
