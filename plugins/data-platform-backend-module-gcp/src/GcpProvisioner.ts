import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DesiredResource,
  DesiredResourceOf,
  generateAnonymizationTransform,
  ObservedResource,
  PlanCapabilities,
  RESOURCE_TYPES,
  ResourceType,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  ApplyRequest,
  ApplyResult,
  Provisioner,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { gcpAccessModel } from './access/gcpAccessModel';
import { applyDataset } from './bigquery/applyDataset';
import { applyTable } from './bigquery/applyTable';
import { bigQueryVersions } from './bigquery/bigQueryVersions';
import { observeBigQuery } from './bigquery/observeBigQuery';
import { Clock, systemClock } from './calls/clock';
import { GoogleApiCaller, RetryPolicy } from './calls/GoogleApiCaller';
import {
  createGoogleClients,
  GoogleClientOptions,
  GoogleClients,
} from './clients';
import type { GcpProvisioningConfig } from './config';
import { applyDelivery } from './pubsub/applyDelivery';
import { applySchema } from './pubsub/applySchema';
import { applySubscription } from './pubsub/applySubscription';
import { applyTopic } from './pubsub/applyTopic';
import { observePubSub } from './pubsub/observePubSub';
import { pubSubVersions } from './pubsub/pubSubVersions';
import { failed } from './results';

const BIGQUERY_TYPES = new Set<ResourceType>([
  'bigquery-dataset',
  'bigquery-table',
]);

/** What the provisioner is made of; tests inject the clients' transport and the clock. */
export type GcpProvisionerOptions = {
  config: GcpProvisioningConfig;
  /** Default: the official clients with Application Default Credentials. */
  clients?: GoogleClientOptions;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  random?: () => number;
  /**
   * Observing at most this many resources of a kind in one project reads
   * each with a GET (fewer calls, no query billed); more, with list calls
   * and metadata queries. Default 10; versions are always read in bulk.
   */
  readsOneByOneUpTo?: number;
};

/** See {@link GcpProvisionerOptions.readsOneByOneUpTo}. */
const READS_ONE_BY_ONE_UP_TO = 10;

type Of<T extends ResourceType> = ApplyRequest & {
  desired: DesiredResourceOf<T>;
};

/**
 * Creates and keeps the data platform's resources on Google Cloud through
 * the official BigQuery and Pub/Sub clients: datasets, tables (schema,
 * partitioning, clustering, expiration, labels, policy tags, IAM), topics,
 * Avro schemas and their revisions, pull subscriptions, and deliveries
 * (BigQuery subscriptions with the generated anonymization transform).
 * Observes in bulk, applies quota-aware, never deletes anything but the
 * schema revisions a plan prunes.
 */
export class GcpProvisioner implements Provisioner {
  readonly id = 'gcp';
  readonly title = 'Google Cloud';
  readonly resourceTypes: readonly ResourceType[];
  readonly capabilities: PlanCapabilities;

  private readonly config: GcpProvisioningConfig;
  private readonly caller: GoogleApiCaller;
  private readonly clientOptions: GoogleClientOptions;
  private readonly readsOneByOneUpTo: number;
  private clients?: GoogleClients;

  constructor(options: GcpProvisionerOptions) {
    const { config } = options;
    this.config = config;
    this.readsOneByOneUpTo =
      options.readsOneByOneUpTo ?? READS_ONE_BY_ONE_UP_TO;
    this.caller = new GoogleApiCaller(
      options.clock ?? systemClock,
      options.retryPolicy,
      options.random,
    );
    this.clientOptions = {
      projectId: config.projects?.[0],
      ...options.clients,
    };
    const key = config.delivery.pseudonymizationKey;
    this.resourceTypes = key
      ? RESOURCE_TYPES
      : RESOURCE_TYPES.filter(type => type !== 'delivery');
    this.capabilities = {
      title: this.title,
      access: gcpAccessModel({ principalDomain: config.principalDomain }),
      ...(Object.keys(config.policyTags).length
        ? { policyTags: config.policyTags }
        : {}),
      ...(key
        ? {
            transformFingerprint: spec =>
              generateAnonymizationTransform(spec.fields, { key }).fingerprint,
          }
        : {}),
    };
  }

  /** Resources in the configured projects (all, when none are configured). */
  handles(resource: DesiredResource): boolean {
    const { projects } = this.config;
    return !projects || projects.includes(resource.spec.project);
  }

  async observe(
    resources: DesiredResource[],
    options: { signal?: AbortSignal; logger: LoggerService },
  ): Promise<Map<string, ObservedResource>> {
    const clients = this.connect();
    const common = {
      clients,
      caller: this.caller,
      observeAccess: this.config.observeAccess,
      readsOneByOneUpTo: this.readsOneByOneUpTo,
      ...options,
    };
    const observed = [
      ...(await observeBigQuery(
        resources.filter(r => BIGQUERY_TYPES.has(r.type)),
        { ...common, policyTags: this.config.policyTags },
      )),
      ...(await observePubSub(
        resources.filter(r => !BIGQUERY_TYPES.has(r.type)),
        common,
      )),
    ];
    return new Map(observed.map(resource => [resource.id, resource]));
  }

  /**
   * Versions in bulk: the datasets.list and Pub/Sub list calls observe
   * makes, and per project and region one fingerprint query for up to
   * 5,000 tables instead of two that read every column.
   */
  async versions(
    resources: DesiredResource[],
    options: { signal?: AbortSignal; logger: LoggerService },
  ): Promise<Map<string, string>> {
    const common = {
      clients: this.connect(),
      caller: this.caller,
      signal: options.signal,
      readsOneByOneUpTo: 0,
    };
    return new Map([
      ...(await bigQueryVersions(
        resources.filter(r => BIGQUERY_TYPES.has(r.type)),
        common,
      )),
      ...(await pubSubVersions(
        resources.filter(r => !BIGQUERY_TYPES.has(r.type)),
        common,
      )),
    ]);
  }

  async apply(request: ApplyRequest): Promise<ApplyResult> {
    if (request.plan.changes.length === 0) return { results: [] };
    try {
      return { results: await this.applyChanges(request) };
    } catch (error) {
      if (request.signal?.aborted) throw error;
      request.logger.error(
        `Applying ${request.desired.id} failed`,
        error as Error,
      );
      const message = `Could not apply the changes to ${
        request.desired.id
      }: ${String((error as Error)?.message ?? error)}`;
      return { results: request.plan.changes.map(c => failed(c, message)) };
    }
  }

  private async applyChanges(request: ApplyRequest): Promise<ChangeResult[]> {
    const clients = this.connect();
    const common = {
      clients,
      caller: this.caller,
      access: this.capabilities.access!,
    };
    switch (request.desired.type) {
      case 'bigquery-dataset':
        return applyDataset(request as Of<'bigquery-dataset'>, {
          ...common,
          location: this.config.location,
        });
      case 'bigquery-table':
        return applyTable(request as Of<'bigquery-table'>, {
          ...common,
          policyTags: this.config.policyTags,
        });
      case 'pubsub-topic':
        return applyTopic(request as Of<'pubsub-topic'>, common);
      case 'pubsub-schema':
        return applySchema(request as Of<'pubsub-schema'>, common);
      case 'pubsub-subscription':
        return applySubscription(request as Of<'pubsub-subscription'>, common);
      case 'delivery': {
        const key = this.config.delivery.pseudonymizationKey;
        if (!key) {
          const message =
            'Deliveries need dataPlatform.gcp.delivery.pseudonymizationKey';
          return request.plan.changes.map(c => failed(c, message));
        }
        return applyDelivery(request as Of<'delivery'>, {
          ...common,
          pseudonymizationKey: key,
          serviceAccountEmail: this.config.delivery.serviceAccountEmail,
        });
      }
      default:
        throw new Error(
          `Unknown resource type ${(request.desired as any).type}`,
        );
    }
  }

  /** The clients, made on first use rather than at backend start. */
  private connect(): GoogleClients {
    this.clients ??= createGoogleClients(this.clientOptions);
    return this.clients;
  }
}
