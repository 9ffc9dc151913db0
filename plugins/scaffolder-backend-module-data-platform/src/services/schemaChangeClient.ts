import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  FieldConsumersResponse,
  SchemaChangeDecision,
  SchemaChangeDecisionRequest,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  dataPlatformRequest,
  DataPlatformRequestDeps,
} from './dataPlatformRequest';

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
  constructor(private readonly deps: DataPlatformRequestDeps) {}

  async consumersOf(entityRef: string, paths: string[]) {
    return dataPlatformRequest<FieldConsumersResponse>(
      this.deps,
      await this.deps.auth.getOwnServiceCredentials(),
      'POST',
      '/schema-changes/consumers',
      { entityRef, paths },
    );
  }

  recordDecision(
    decision: SchemaChangeDecisionRequest & { idempotencyKey: string },
    credentials: BackstageCredentials,
  ) {
    return dataPlatformRequest<SchemaChangeDecision>(
      this.deps,
      credentials,
      'POST',
      '/schema-changes/decisions',
      decision,
    );
  }
}
