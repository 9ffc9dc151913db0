import { Entity } from '@backstage/catalog-model';

/**
 * Catalog entities for tests of what a reader under the `restricted` label
 * policy (see restrictedLabelReads) may see: endpoints and hourly pipelines
 * with OpenLineage names, so runs can be ingested for them.
 */

const apiVersion = 'dataplatform.io/v1alpha1';

/** The label that hides an entity from users under restrictedLabelReads. */
export const restricted = { restricted: 'true' };

/** A BigQuery-table endpoint owned by group:default/listening. */
export const endpointEntity = (
  name: string,
  extra?: { labels?: Record<string, string>; eventType?: string },
): Entity => ({
  apiVersion,
  kind: 'DataEndpoint',
  metadata: { name, labels: extra?.labels },
  spec: {
    owner: 'group:default/listening',
    lifecycle: 'production',
    type: 'bigquery-table',
    location: { project: 'acme-data', dataset: 'music', table: name },
    ...(extra?.eventType ? { schema: { eventType: extra.eventType } } : {}),
  },
});

/** An hourly Dataflow pipeline named `airflow/<name>` in OpenLineage. */
export const pipelineEntity = (
  name: string,
  title: string,
  owner: string,
  io: { inputs: string[]; outputs: string[] },
  labels?: Record<string, string>,
): Entity => ({
  apiVersion,
  kind: 'Pipeline',
  metadata: {
    name,
    title,
    labels,
    annotations: {
      'dataplatform.io/openlineage-namespace': 'airflow',
      'dataplatform.io/openlineage-name': name,
    },
  },
  spec: {
    owner,
    lifecycle: 'production',
    engine: 'dataflow',
    schedule: { type: 'hourly' },
    sla: { deadline: 'PT1H' },
    ...io,
  },
});
