import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import type {
  FieldConsumersResponse,
  SchemaChangeDecision,
  SchemaChangeDecisionRequest,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** What the scaffolder's gate asks of the data-platform backend's schema-change API. */
export interface SchemaChangeApi {
  /** What reads each field (every consumer: asked as this service), and the policy. */
  consumersOf(
    entityRef: string,
    paths: string[],
  ): Promise<FieldConsumersResponse>;
  /** Records the user's decision and notifies the consumers' owners. */
  recordDecision(
    decision: SchemaChangeDecisionRequest & { idempotencyKey: string },
    credentials: BackstageCredentials,
  ): Promise<SchemaChangeDecision>;
}

/** {@link SchemaChangeApi} over HTTP, through discovery. */
export class SchemaChangeClient implements SchemaChangeApi {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async consumersOf(entityRef: string, paths: string[]) {
    return this.request<FieldConsumersResponse>(
      await this.deps.auth.getOwnServiceCredentials(),
      '/schema-changes/consumers',
      { entityRef, paths },
    );
  }

  recordDecision(
    decision: SchemaChangeDecisionRequest & { idempotencyKey: string },
    credentials: BackstageCredentials,
  ) {
    return this.request<SchemaChangeDecision>(
      credentials,
      '/schema-changes/decisions',
      decision,
    );
  }

  private async request<T>(
    credentials: BackstageCredentials,
    path: string,
    body: unknown,
  ): Promise<T> {
    const { discovery, auth } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'data-platform',
    });
    const response = await fetch(
      `${await discovery.getBaseUrl('data-platform')}${path}`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      },
    );
    if (response.ok) return (await response.json()) as T;
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
          `The data-platform backend answered POST ${path} with ${statusCode}: ${cause.message}`,
        );
    }
  }
}
