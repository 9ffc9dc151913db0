import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { ProvisionedResource } from '@dataplatform/backstage-plugin-data-platform-common';
import { applyLines, failedChanges } from './describeProvisioning';
import type { ProvisioningClient } from './provisioningClient';

/** What applying one resource did, as its checkpoint keeps it. */
export type AppliedResource = {
  resourceId: string;
  status: 'applied' | 'not applied';
  changes: number;
};

/** Runs an apply at most once: the task's checkpoint of that resource. */
export type Checkpointed = (
  fn: () => Promise<AppliedResource>,
) => Promise<AppliedResource>;

/** Some changes of an apply failed; the others stay applied. */
class ApplyFailedError extends Error {
  constructor(readonly failed: string[]) {
    super(`Provisioning failed: ${failed.join('; ')}`);
    this.name = 'ApplyFailedError';
  }
}

/**
 * Applies an entity's resources one at a time through the data-platform
 * backend, logging each change. A resource whose creation failed keeps the
 * resources depending on it from being applied; other failures are
 * collected so that the independent resources are still applied.
 */
export class ResourceApplier {
  /** Resources whose changes were applied. */
  applied = 0;
  /** The changes that failed, one line each. */
  readonly failures: string[] = [];
  private readonly notCreated = new Set<string>();

  constructor(
    private readonly deps: {
      client: ProvisioningClient;
      credentials: BackstageCredentials;
      logger: LoggerService;
    },
  ) {}

  /** Applies the resource's plan if it has changes, inside its checkpoint. */
  async applyOnce(
    entityRef: string,
    resource: ProvisionedResource,
    checkpoint: Checkpointed,
  ): Promise<void> {
    const { plan } = resource;
    if (resource.state === 'unmanaged') return;
    if (resource.error) {
      this.fail(resource, [
        `${resource.id}: could not be read (${resource.error})`,
      ]);
      return;
    }
    if (!plan || plan.changes.length === 0) return;
    const blocked = resource.desired.dependsOn.find(id =>
      this.notCreated.has(id),
    );
    if (blocked) {
      this.deps.logger.warn(
        `${resource.id}: skipped, ${blocked} could not be created`,
      );
      this.notCreated.add(resource.id);
      return;
    }
    try {
      const outcome = await checkpoint(() => this.apply(entityRef, resource));
      if (outcome.status === 'applied') this.applied++;
    } catch (error) {
      if (!(error instanceof ApplyFailedError)) throw error;
      this.fail(resource, error.failed);
    }
  }

  private fail(resource: ProvisionedResource, lines: string[]) {
    this.failures.push(...lines);
    if (resource.plan?.action === 'create') this.notCreated.add(resource.id);
  }

  private async apply(
    entityRef: string,
    resource: ProvisionedResource,
  ): Promise<AppliedResource> {
    const { client, credentials, logger } = this.deps;
    logger.info(
      `Applying ${resource.id}: ${resource.plan!.changes.length} change(s)`,
    );
    const { applies, provisioning } = await client.apply(
      entityRef,
      resource.id,
      credentials,
    );
    for (const record of applies) {
      for (const { text, failed } of applyLines(record)) {
        if (failed) logger.warn(text);
        else logger.info(text);
      }
    }
    const failed = applies.flatMap(failedChanges);
    if (failed.length > 0) throw new ApplyFailedError(failed);
    const record = applies.find(a => a.resourceId === resource.id);
    if (!record) {
      const now = provisioning.resources.find(r => r.id === resource.id);
      logger.warn(
        `${resource.id}: the backend applied nothing; ${
          now
            ? `it is ${now.state} (another apply may have been running)`
            : `it is not a resource of ${entityRef}`
        }`,
      );
      return { resourceId: resource.id, status: 'not applied', changes: 0 };
    }
    return {
      resourceId: resource.id,
      status: 'applied',
      changes: record.results?.length ?? 0,
    };
  }
}
