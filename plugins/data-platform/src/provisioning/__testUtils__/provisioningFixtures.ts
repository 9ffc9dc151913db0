import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  desiredResources,
  planResource,
  type ApplyRecord,
  type DesiredResource,
  type DesiredResourceOf,
  type EntityProvisioning,
  type ObservedResource,
  type PipelineEntity,
  type PlanCapabilities,
  type ProvisionedResource,
  type ResourceState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  trackPlayed,
  trackPlayedHourly,
  trackPlayedIngest,
  trackPlayedTopic,
} from '../../__testUtils__/fixtures';

/** The local warehouse, as the backend names its provisioner. */
export const localWarehouse = {
  id: 'local-warehouse',
  title: 'the local warehouse',
};

/** What the local warehouse can do: no access, no policy tags. */
const capabilities: PlanCapabilities = {
  title: localWarehouse.title,
  transformFingerprint: spec => `transform-of-revision-${spec.revision}`,
};

/** A pipeline reading the topic itself, so it gets a subscription. */
export const skipPredictor: PipelineEntity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'Pipeline',
  metadata: { name: 'skip-predictor', namespace: 'default' },
  spec: {
    owner: 'group:default/personalization',
    lifecycle: 'production',
    engine: 'flink',
    schedule: { type: 'streaming' },
    inputs: ['track-played-topic'],
    outputs: [],
  },
};

export const refs = {
  eventType: stringifyEntityRef(trackPlayed),
  topic: stringifyEntityRef(trackPlayedTopic),
  table: stringifyEntityRef(trackPlayedHourly),
  skipPredictor: stringifyEntityRef(skipPredictor),
};

export const ids = {
  dataset: 'bigquery-dataset:sp-listening-prod.listening',
  table: 'bigquery-table:sp-listening-prod.listening.track_played_hourly',
  topic: 'pubsub-topic:sp-event-delivery/track-played',
  schema: 'pubsub-schema:sp-event-delivery/track-played',
  subscription:
    'pubsub-subscription:sp-event-delivery/track-played.skip-predictor',
  delivery:
    'delivery:sp-event-delivery/track-played.delivery.track_played_hourly',
};

/** The resources the fixtures' catalog asks for, derived as the backend does. */
export function desiredPlatform(): Map<string, DesiredResource> {
  const { resources } = desiredResources({
    endpoints: [trackPlayedTopic, trackPlayedHourly],
    eventTypes: [trackPlayed],
    pipelines: [trackPlayedIngest, skipPredictor],
    emailOf: ref => `${parseEntityRef(ref).name}@tunewave.example`,
  });
  return new Map(resources.map(r => [r.id, r]));
}

/** `minutes` ago, ISO 8601. */
export const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** A resource as the API shows it, planned against what was observed. */
export function provisioned(
  desired: DesiredResource,
  options: {
    state: ResourceState;
    observed?: ObservedResource;
    managed?: boolean;
    lastApply?: ApplyRecord;
  },
): ProvisionedResource {
  const managed = options.managed ?? true;
  return {
    id: desired.id,
    type: desired.type,
    entityRef: desired.entityRef,
    owner: desired.owner,
    desired,
    state: options.state,
    ...(managed
      ? {
          provisioner: localWarehouse,
          plan: planResource(desired, options.observed, capabilities),
          observedAt: minutesAgo(12),
        }
      : {}),
    ...(options.lastApply ? { lastApply: options.lastApply } : {}),
  };
}

/**
 * The hourly table as found: a column short (`skips`, added in the catalog
 * since), a column the catalog does not have (`legacy_country`), and
 * partitions kept 500 days where the catalog now says 400.
 */
export function observedTable(
  table: DesiredResourceOf<'bigquery-table'>,
  changes: { partitionExpirationDays: number } = {
    partitionExpirationDays: 500,
  },
): ObservedResource {
  const { access: _access, ...spec } = table.spec;
  return {
    type: 'bigquery-table',
    id: table.id,
    spec: {
      ...spec,
      fields: [
        ...spec.fields.filter(f => f.name !== 'skips'),
        { name: 'legacy_country', type: 'STRING' },
      ],
      partitionExpirationDays: changes.partitionExpirationDays,
    },
  };
}

/** The table pending (see {@link observedTable}) and its dataset in sync. */
function tableAndDataset(
  desired: Map<string, DesiredResource>,
): ProvisionedResource[] {
  const table = desired.get(ids.table) as DesiredResourceOf<'bigquery-table'>;
  const dataset = desired.get(
    ids.dataset,
  ) as DesiredResourceOf<'bigquery-dataset'>;
  return [
    provisioned(table, { state: 'pending', observed: observedTable(table) }),
    provisioned(dataset, {
      state: 'in-sync',
      observed: {
        type: 'bigquery-dataset',
        id: dataset.id,
        spec: dataset.spec,
      },
    }),
  ];
}

/** An entity's page; the user may apply, nothing is applied automatically. */
function entityPage(
  entityRef: string,
  resources: ProvisionedResource[],
  overrides: Partial<EntityProvisioning>,
): EntityProvisioning {
  return {
    entityRef,
    resources,
    problems: [],
    canApply: true,
    autoApply: 'none',
    ...overrides,
  };
}

const unmanaged = (desired: DesiredResource) =>
  provisioned(desired, { state: 'unmanaged', managed: false });

/** The hourly table endpoint's page: its dataset in sync, the table pending. */
export function tableEndpointProvisioning(
  overrides: Partial<EntityProvisioning> = {},
): EntityProvisioning {
  return entityPage(refs.table, tableAndDataset(desiredPlatform()), overrides);
}

/**
 * The event type's page: its topic and topic schema unmanaged (no Pub/Sub
 * provisioner), the table pending, the delivery not created yet.
 */
export function eventTypeProvisioning(
  overrides: Partial<EntityProvisioning> = {},
): EntityProvisioning {
  const desired = desiredPlatform();
  return entityPage(
    refs.eventType,
    [
      provisioned(desired.get(ids.delivery)!, { state: 'pending' }),
      unmanaged(desired.get(ids.topic)!),
      unmanaged(desired.get(ids.schema)!),
      ...tableAndDataset(desired),
    ],
    overrides,
  );
}

/** The pipeline reading the topic: its subscription and the topic, both unmanaged. */
export function pipelineProvisioning(): EntityProvisioning {
  const desired = desiredPlatform();
  return entityPage(
    refs.skipPredictor,
    [
      unmanaged(desired.get(ids.subscription)!),
      unmanaged(desired.get(ids.topic)!),
    ],
    {},
  );
}

/** A finished apply of a resource's whole plan. */
export function applyRecord(
  resource: ProvisionedResource,
  options: {
    id: number;
    actor?: string;
    trigger?: ApplyRecord['trigger'];
    minutesAgo: number;
    failures?: Record<string, string>;
  },
): ApplyRecord {
  const plan = resource.plan!;
  const results = plan.changes.map(change => {
    const failure = options.failures?.[change.field];
    return failure
      ? { change, status: 'failed' as const, message: failure }
      : { change, status: 'applied' as const };
  });
  const failed = results.filter(r => r.status === 'failed').length;
  let status: ApplyRecord['status'] = 'applied';
  if (failed) status = failed === results.length ? 'failed' : 'partial';
  return {
    id: options.id,
    resourceId: resource.id,
    entityRef: resource.entityRef,
    actor: options.actor ?? 'user:development/guest',
    trigger: options.trigger ?? 'manual',
    status,
    plan,
    results,
    startedAt: minutesAgo(options.minutesAgo),
    finishedAt: minutesAgo(options.minutesAgo),
  };
}
