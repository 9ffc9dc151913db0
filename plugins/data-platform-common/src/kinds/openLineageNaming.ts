import {
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
} from './constants';
import type { DataEndpointEntity, PipelineEntity } from './entities';

/** An OpenLineage dataset or job identity. */
export interface OpenLineageName {
  namespace: string;
  name: string;
}

function fromAnnotations(entity: {
  metadata: { annotations?: Record<string, string> };
}): OpenLineageName | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[ANNOTATION_OPENLINEAGE_NAMESPACE];
  const name = annotations[ANNOTATION_OPENLINEAGE_NAME];
  return namespace && name ? { namespace, name } : undefined;
}

/**
 * The OpenLineage dataset a data endpoint is, from its annotations or else by
 * OpenLineage's naming convention: BigQuery `bigquery` /
 * `project.dataset.table`, Pub/Sub `pubsub` / `topic:project:topic`, GCS
 * `gs://bucket` / `path`.
 */
export function openLineageDatasetName(
  endpoint: DataEndpointEntity,
): OpenLineageName {
  const annotated = fromAnnotations(endpoint);
  if (annotated) return annotated;
  const { type, location } = endpoint.spec;
  switch (type) {
    case 'bigquery-table':
      return {
        namespace: 'bigquery',
        name: `${location.project}.${location.dataset}.${location.table}`,
      };
    case 'pubsub-topic':
      return {
        namespace: 'pubsub',
        name: `topic:${location.project}:${location.topic}`,
      };
    default:
      return {
        namespace: `gs://${location.bucket}`,
        name: (location.path ?? '/').replace(/^\/?/, '/'),
      };
  }
}

/**
 * The OpenLineage job a pipeline is, from its annotations or else
 * `defaultNamespace` / the entity's name.
 */
export function openLineageJobName(
  pipeline: PipelineEntity,
  defaultNamespace: string,
): OpenLineageName {
  return (
    fromAnnotations(pipeline) ?? {
      namespace: defaultNamespace,
      name: pipeline.metadata.name,
    }
  );
}
