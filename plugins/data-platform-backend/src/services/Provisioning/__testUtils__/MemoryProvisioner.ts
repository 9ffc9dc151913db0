import { createHash } from 'node:crypto';
import type {
  ChangeResult,
  DesiredResource,
  ObservedResource,
  PlanCapabilities,
  PlannedChange,
  ResourceType,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  ApplyRequest,
  ApplyResult,
  Provisioner,
} from '@dataplatform/backstage-plugin-data-platform-node';

/** A resource as a target keeps it right after creating it from the catalog. */
export function asObserved(desired: DesiredResource): ObservedResource {
  switch (desired.type) {
    case 'bigquery-table': {
      const { access: _access, ...spec } = desired.spec;
      return { type: desired.type, id: desired.id, spec };
    }
    case 'delivery': {
      const { fields, anonymization, revision, eventType, pipeline, ...spec } =
        desired.spec;
      return {
        type: desired.type,
        id: desired.id,
        spec: { ...spec, transformFingerprint: `revision-${revision}` },
      };
    }
    case 'bigquery-dataset':
      return { type: desired.type, id: desired.id, spec: desired.spec };
    default:
      throw new Error(`The memory target has no ${desired.type}`);
  }
}

/**
 * A provisioning target held in memory, for tests of the engine: tables,
 * datasets and deliveries, with the calls it got and changes it can be told
 * to fail. Resources can be changed behind its back (drift). With
 * `versions`, it reports resource versions as a cheap bulk read.
 */
export class MemoryProvisioner implements Provisioner {
  readonly id = 'memory';
  readonly title = 'the memory target';
  readonly resourceTypes: ResourceType[] = [
    'bigquery-dataset',
    'bigquery-table',
    'delivery',
  ];
  readonly capabilities: PlanCapabilities = {
    title: 'the memory target',
    transformFingerprint: spec => `revision-${spec.revision}`,
  };
  readonly resources = new Map<string, ObservedResource>();
  readonly calls: string[] = [];
  /** Change actions that fail when applied. */
  readonly failing = new Set<string>();
  /** Every change made, as `<resource id> <action> <field>`. */
  readonly made: string[] = [];
  /** Awaited before each change, e.g. to hold an apply in the middle. */
  beforeChange?: (
    change: PlannedChange,
    signal: AbortSignal | undefined,
  ) => Promise<void>;

  constructor(options: { versions?: boolean } = {}) {
    if (!options.versions) this.versions = undefined;
  }

  /** Each held resource's version: a digest of it, as a target's list call would show. */
  versions?: Provisioner['versions'] = async resources => {
    this.calls.push(`versions ${resources.length}`);
    const found = new Map<string, string>();
    for (const r of resources) {
      const held = this.resources.get(r.id);
      if (held) {
        found.set(
          r.id,
          createHash('sha1').update(JSON.stringify(held)).digest('base64'),
        );
      }
    }
    return found;
  };

  async observe(resources: DesiredResource[]) {
    this.calls.push(`observe ${resources.length}`);
    const found = new Map<string, ObservedResource>();
    for (const r of resources) {
      const held = this.resources.get(r.id);
      if (held) found.set(r.id, structuredClone(held));
    }
    return found;
  }

  async apply({ desired, plan, signal }: ApplyRequest): Promise<ApplyResult> {
    this.calls.push(`apply ${desired.id}`);
    const results: ChangeResult[] = [];
    const target = asObserved(desired);
    for (const change of plan.changes) {
      await this.beforeChange?.(change, signal);
      if (signal?.aborted) {
        results.push({
          change,
          status: 'skipped',
          message: 'the apply was cancelled before this change',
        });
        continue;
      }
      if (this.failing.has(change.action)) {
        results.push({
          change,
          status: 'failed',
          message: 'refused by the memory target',
        });
        continue;
      }
      const held = this.resources.get(desired.id);
      if (change.action === 'create' || !held) {
        this.resources.set(desired.id, structuredClone(target));
      } else if (
        held.type === 'bigquery-table' &&
        target.type === 'bigquery-table'
      ) {
        if (
          ['add-column', 'relax-mode', 'set-description'].includes(
            change.action,
          )
        ) {
          held.spec.fields = target.spec.fields;
          held.spec.description = target.spec.description;
        } else if (change.action === 'set-labels') {
          held.spec.labels = target.spec.labels;
        } else if (change.action === 'set-partition-expiration') {
          held.spec.partitionExpirationDays =
            target.spec.partitionExpirationDays;
        } else {
          results.push({ change, status: 'skipped', message: 'not supported' });
          continue;
        }
      } else {
        this.resources.set(desired.id, structuredClone(target));
      }
      this.made.push(`${desired.id} ${change.action} ${change.field}`);
      results.push({ change, status: 'applied' });
    }
    return { results };
  }
}
