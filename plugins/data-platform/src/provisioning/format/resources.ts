import {
  RESOURCE_TYPES,
  RESOURCE_TYPE_TITLES,
  type ProvisionedResource,
  type ResourceState,
  type ResourceType,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * A resource's address without its type, as people write it:
 * `tunewave-raw.events.track_played` for a table,
 * `tunewave-events/track-played` for a topic.
 */
export function resourceName(resource: { id: string; type: string }): string {
  const prefix = `${resource.type}:`;
  return resource.id.startsWith(prefix)
    ? resource.id.slice(prefix.length)
    : resource.id;
}

/** `BigQuery table`; the type itself for one this page does not know. */
export function resourceTypeTitle(type: ResourceType): string {
  return RESOURCE_TYPE_TITLES[type] ?? type;
}

const PLURAL_TITLES: Record<ResourceType, string> = {
  'bigquery-dataset': 'BigQuery datasets',
  'bigquery-table': 'BigQuery tables',
  'pubsub-topic': 'Pub/Sub topics',
  'pubsub-schema': 'Pub/Sub schemas',
  'pubsub-subscription': 'Pub/Sub subscriptions',
  delivery: 'deliveries from a topic to a table',
};

/** `Pub/Sub topics`, for sentences about every resource of a type. */
export function resourceTypePlural(type: ResourceType): string {
  return PLURAL_TITLES[type] ?? `${type} resources`;
}

/**
 * Resources in the order they are built on: datasets, tables, topics,
 * schemas, subscriptions, deliveries; by name within a type.
 */
export function inBuildOrder<T extends ProvisionedResource>(
  resources: readonly T[],
): T[] {
  const rank = (type: string) => {
    const index = RESOURCE_TYPES.indexOf(type as ResourceType);
    return index < 0 ? RESOURCE_TYPES.length : index;
  };
  return [...resources].sort(
    (a, b) =>
      rank(a.type) - rank(b.type) ||
      resourceName(a).localeCompare(resourceName(b)),
  );
}

/** The colour family a state, status or result is shown in. */
export type Tone = 'danger' | 'warning' | 'info' | 'success' | 'neutral';

/** Label, colour and one-sentence meaning of something's state. */
export type Presentation = { label: string; tone: Tone; description: string };

const RESOURCE_STATES: Record<ResourceState, Presentation> = {
  'in-sync': {
    label: 'In sync',
    tone: 'success',
    description: 'The resource is as the catalog says.',
  },
  pending: {
    label: 'Pending',
    tone: 'info',
    description:
      'The catalog asks for something the resource does not have yet; the plan waits to be applied.',
  },
  drifted: {
    label: 'Drifted',
    tone: 'warning',
    description:
      'The catalog has not changed since the last apply, but the resource has: it was changed outside the catalog.',
  },
  blocked: {
    label: 'Blocked',
    tone: 'warning',
    description:
      'The catalog asks only for changes the plan refuses, because they would break data: applying can do nothing, so a person must change the catalog back or declare a new resource.',
  },
  failed: {
    label: 'Failed',
    tone: 'danger',
    description: 'The last apply of this plan failed, in part or whole.',
  },
  unmanaged: {
    label: 'Unmanaged',
    tone: 'neutral',
    description:
      'No installed provisioner creates this kind of resource, so it is neither created nor checked.',
  },
};

/** How a resource's state is shown. */
export function resourceStatePresentation(state: ResourceState): Presentation {
  return (
    RESOURCE_STATES[state] ?? { label: state, tone: 'neutral', description: '' }
  );
}
