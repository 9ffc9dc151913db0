import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ChangeResult,
  DesiredResource,
  ObservedResource,
  PlanCapabilities,
  ResourcePlan,
  ResourceType,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * Creates and keeps the infrastructure the catalog describes on one target
 * (Google Cloud, a local warehouse, ...). The data-platform backend derives
 * the desired resources from the catalog, asks the provisioner what exists,
 * plans each resource with `planResource` from -common following the
 * provisioner's `capabilities` (so that a plan never promises what the
 * target cannot do in place), and hands approved plans to `apply` one
 * resource at a time, never two applies of one resource at once across
 * backend instances.
 *
 * Add provisioners from a backend module through
 * `dataPlatformProvisioningExtensionPoint`.
 *
 * @public
 */
export interface Provisioner {
  /** Unique among the installed provisioners, e.g. `gcp`, `local-warehouse`; stored with each resource. */
  readonly id: string;
  /** How pages and notes name the target, e.g. `Google Cloud`, `the local warehouse`. */
  readonly title: string;
  /** The resource types it creates and keeps. */
  readonly resourceTypes: readonly ResourceType[];
  /** What it can do; the plans follow it. */
  readonly capabilities: PlanCapabilities;
  /**
   * Optional: whether it takes this resource, when several provisioners
   * know its type (e.g. only the Google Cloud projects it is configured
   * for). Default: every resource of its types.
   */
  handles?(resource: DesiredResource): boolean;
  /**
   * The actual state of many resources, read in bulk (list calls, metadata
   * views), not one request per resource: a full reconcile observes tens of
   * thousands. A resource that does not exist is absent from the answer.
   * Throws when the target cannot be read at all; a resource that cannot
   * be read is absent and its `apply` will say why. A provisioner with
   * `versions` sets each found resource's `version` to what `versions`
   * would report, so that a pass that observes everything needs no
   * version read.
   */
  observe(
    resources: DesiredResource[],
    options: { signal?: AbortSignal; logger: LoggerService },
  ): Promise<Map<string, ObservedResource>>;
  /**
   * Optional: the version of each existing resource, read in bulk and far
   * more cheaply than `observe` reads it (e.g. a fingerprint of each
   * table's DDL from one metadata query), and changing whenever anything
   * `observe` reports of the resource changes. A reconcile then observes,
   * plans and stores again only the resources whose version, or desired
   * state, changed since it last did. A resource that does not exist is
   * absent from the answer.
   */
  versions?(
    resources: DesiredResource[],
    options: { signal?: AbortSignal; logger: LoggerService },
  ): Promise<Map<string, string>>;
  /**
   * Makes one resource's planned changes: creates it (an existing one is
   * success: a retry can follow a create whose answer was lost), or
   * applies the changes in place, coalesced into as few calls as the target
   * allows and skipping what is already so. Never recreates or deletes what
   * the plan does not say. Reports every change's outcome rather than
   * throwing on the first failure, so that a partial failure leaves the
   * others applied and says which failed.
   */
  apply(request: ApplyRequest): Promise<ApplyResult>;
}

/** One resource's approved plan. @public */
export type ApplyRequest = {
  desired: DesiredResource;
  /** What `observe` found just before; undefined when it does not exist. */
  observed?: ObservedResource;
  plan: ResourcePlan;
  signal?: AbortSignal;
  logger: LoggerService;
};

/** What an apply did. @public */
export type ApplyResult = {
  results: ChangeResult[];
};
