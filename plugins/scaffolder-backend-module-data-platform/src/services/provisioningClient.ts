import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import type {
  ApplyResponse,
  DesiredStateProblem,
  EntityProvisioning,
  ProvisionedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  dataPlatformRequest,
  DataPlatformRequestDeps,
} from './dataPlatformRequest';

/** The plan of entities not yet in the catalog (`POST /provisioning/plan`). */
export type DraftPlan = {
  resources: ProvisionedResource[];
  problems: DesiredStateProblem[];
};

const entityPath = (entityRef: string) => {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/');
};

/**
 * The data-platform backend's provisioning API, called as the task's user
 * (a token on their behalf), so that its read and apply checks are theirs.
 */
export class ProvisioningClient {
  constructor(private readonly deps: DataPlatformRequestDeps) {}

  /** Plans entities about to be registered against what exists; stores nothing. */
  planDraft(
    entities: Entity[],
    credentials: BackstageCredentials,
  ): Promise<DraftPlan> {
    return this.request(credentials, 'POST', '/provisioning/plan', {
      entities,
    });
  }

  /** The entity's resources, observed and planned again. */
  provisioningOf(
    entityRef: string,
    credentials: BackstageCredentials,
    options: { refresh: boolean },
  ): Promise<EntityProvisioning> {
    return this.request(
      credentials,
      'GET',
      `/provisioning/entities/${entityPath(entityRef)}${
        options.refresh ? '?refresh=true' : ''
      }`,
    );
  }

  /** Applies the plan of one of the entity's resources (and what it depends on). */
  apply(
    entityRef: string,
    resourceId: string,
    credentials: BackstageCredentials,
  ): Promise<ApplyResponse> {
    return this.request(
      credentials,
      'POST',
      `/provisioning/entities/${entityPath(entityRef)}/apply`,
      { resources: [resourceId], trigger: 'scaffolder' },
    );
  }

  private request<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    return dataPlatformRequest<T>(this.deps, credentials, method, path, body);
  }
}
