import type {
  DataEndpointEntity,
  DataEndpointType,
} from '@dataplatform/backstage-plugin-data-platform-common';

type EndpointSpec = Pick<DataEndpointEntity['spec'], 'type' | 'location'>;

const TYPE_LABELS: Record<DataEndpointType, string> = {
  'bigquery-table': 'BigQuery table',
  'pubsub-topic': 'Pub/Sub topic',
  'gcs-path': 'GCS path',
};

/** "BigQuery table" for `bigquery-table`; unknown types are shown as they are. */
export function endpointTypeLabel(type: string | undefined): string {
  if (!type) return 'Unknown store';
  return TYPE_LABELS[type as DataEndpointType] ?? type;
}

/**
 * The address engineers paste into their tools: `project.dataset.table` for
 * BigQuery (as in a FROM clause), `projects/p/topics/t` for Pub/Sub (as the
 * client libraries take it), `gs://bucket/path` for GCS. Undefined when the
 * location misses a part the type needs.
 */
export function endpointAddress(spec: EndpointSpec): string | undefined {
  const { project, dataset, table, topic, bucket, path } = spec.location ?? {};
  switch (spec.type) {
    case 'bigquery-table':
      return project && dataset && table
        ? `${project}.${dataset}.${table}`
        : undefined;
    case 'pubsub-topic':
      return project && topic
        ? `projects/${project}/topics/${topic}`
        : undefined;
    case 'gcs-path':
      if (!bucket) return undefined;
      return `gs://${bucket}/${(path ?? '').replace(/^\/+/, '')}`;
    default:
      return undefined;
  }
}

/** A link to the endpoint in the Google Cloud console, when the location is complete. */
export function endpointConsoleUrl(spec: EndpointSpec): string | undefined {
  const { project, dataset, table, topic, bucket, path } = spec.location ?? {};
  const e = encodeURIComponent;
  switch (spec.type) {
    case 'bigquery-table':
      return project && dataset && table
        ? `https://console.cloud.google.com/bigquery?project=${e(
            project,
          )}&ws=!1m5!1m4!4m3!1s${e(project)}!2s${e(dataset)}!3s${e(table)}`
        : undefined;
    case 'pubsub-topic':
      return project && topic
        ? `https://console.cloud.google.com/cloudpubsub/topic/detail/${e(
            topic,
          )}?project=${e(project)}`
        : undefined;
    case 'gcs-path': {
      if (!bucket) return undefined;
      const prefix = (path ?? '').replace(/^\/+/, '');
      return `https://console.cloud.google.com/storage/browser/${e(
        bucket,
      )}/${prefix.split('/').map(e).join('/')}`;
    }
    default:
      return undefined;
  }
}
