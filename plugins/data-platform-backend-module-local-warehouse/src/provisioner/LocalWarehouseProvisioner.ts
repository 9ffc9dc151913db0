import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AnonymizationTransform,
  DesiredResource,
  DesiredResourceOf,
  generateAnonymizationTransform,
  ObservedResource,
  PlanCapabilities,
  ResourceType,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  ApplyRequest,
  ApplyResult,
  Provisioner,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { applyDataset } from './applyDataset';
import { applyDelivery } from './applyDelivery';
import { applyTable } from './applyTable';
import { observeResources } from './observeResources';

const RESOURCE_TYPES: readonly ResourceType[] = [
  'bigquery-dataset',
  'bigquery-table',
  'delivery',
];

/**
 * Provisions the catalog's BigQuery datasets and tables and its event
 * types' deliveries into the local warehouse. Topics, schemas and pull
 * subscriptions have no local form: it leaves them to others (the engine
 * shows them unmanaged). It enforces no access and sets no policy tags, so
 * plans say access is not enforced here; deliveries run the same generated
 * anonymization transform as on Google Cloud, keyed with the configured
 * pseudonymization key.
 */
export class LocalWarehouseProvisioner implements Provisioner {
  readonly id = 'local-warehouse';
  readonly title = 'the local warehouse';
  readonly resourceTypes = RESOURCE_TYPES;
  readonly capabilities: PlanCapabilities;

  constructor(
    private readonly options: {
      warehouse: LocalWarehouse;
      /** The HMAC key of pseudonymized values (at least 16 characters). */
      pseudonymizationKey: string;
    },
  ) {
    this.capabilities = {
      title: this.title,
      notes: {
        'bigquery-table': [
          'require partition filter is recorded, not enforced by the local warehouse',
        ],
        delivery: [
          'the local warehouse has no Pub/Sub: with demoDelivery on, this delivery lands generated sample events through the same anonymization, not topic messages',
        ],
      },
      transformFingerprint: spec =>
        generateAnonymizationTransform(spec.fields, {
          key: options.pseudonymizationKey,
        }).fingerprint,
    };
  }

  async observe(
    resources: DesiredResource[],
    _options?: { signal?: AbortSignal; logger: LoggerService },
  ): Promise<Map<string, ObservedResource>> {
    return observeResources(
      this.options.warehouse,
      resources.filter(r => RESOURCE_TYPES.includes(r.type)),
    );
  }

  async apply(request: ApplyRequest): Promise<ApplyResult> {
    const { warehouse } = this.options;
    const { desired } = request;
    switch (desired.type) {
      case 'bigquery-dataset':
        return applyDataset(warehouse, { ...request, desired });
      case 'bigquery-table':
        return applyTable(warehouse, { ...request, desired });
      case 'delivery':
        return applyDelivery(warehouse, { ...request, desired }, d =>
          this.transformOf(d),
        );
      default:
        return {
          results: request.plan.changes.map(change => ({
            change,
            status: 'skipped',
            message: `the local warehouse does not provision ${desired.type} resources`,
          })),
        };
    }
  }

  private transformOf(
    desired: DesiredResourceOf<'delivery'>,
  ): AnonymizationTransform {
    return generateAnonymizationTransform(desired.spec.fields, {
      key: this.options.pseudonymizationKey,
    });
  }
}
