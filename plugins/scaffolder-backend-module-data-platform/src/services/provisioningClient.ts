import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import type {
  ApplyResponse,
  DesiredStateProblem,
  EntityProvisioning,
  ProvisionedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';

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
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

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

  private async request<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { discovery, auth } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'data-platform',
    });
    const response = await fetch(
      `${await discovery.getBaseUrl('data-platform')}${path}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (response.ok) return (await response.json()) as T;
    // The backend's own message (who may apply, which entity is missing)
    // is what the task log should show, not "Request failed with 403".
    const { cause, statusCode } = await ResponseError.fromResponse(response);
    switch (statusCode) {
      case 400:
        throw new InputError(cause.message);
      case 403:
        throw new NotAllowedError(cause.message);
      case 404:
        throw new NotFoundError(cause.message);
      default:
        throw new Error(
          `The data-platform backend answered ${method} ${path} with ${statusCode}: ${cause.message}`,
        );
    }
  }
}
