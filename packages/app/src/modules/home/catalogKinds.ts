import {
  DATA_ENDPOINT_KIND,
  EVENT_TYPE_KIND,
  PIPELINE_KIND,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** A catalog kind as the home page presents it. */
export type CatalogKind = {
  kind: string;
  label: string;
  description: string;
};

/** The data platform's kinds, in the order the home page lists them. */
export const DATA_PLATFORM_CATALOG_KINDS: CatalogKind[] = [
  {
    kind: EVENT_TYPE_KIND,
    label: 'Event types',
    description: 'Event schemas with PII marks, revisions and delivery',
  },
  {
    kind: PIPELINE_KIND,
    label: 'Pipelines',
    description: 'Jobs: engine, schedule, deadline, inputs and outputs',
  },
  {
    kind: DATA_ENDPOINT_KIND,
    label: 'Data endpoints',
    description:
      'BigQuery tables, Pub/Sub topics and GCS paths: schema, partitioning, access',
  },
];

/**
 * The catalog page listing every entity of `kind`, whoever owns it (the
 * catalog shows the user's own entities unless told otherwise).
 */
export function catalogKindLink(catalogIndex: string, kind: string): string {
  const query = new URLSearchParams({
    'filters[kind]': kind.toLocaleLowerCase('en-US'),
    'filters[user]': 'all',
  });
  return `${catalogIndex}?${query}`;
}
