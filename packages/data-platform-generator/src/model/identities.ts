import {
  DataEndpointEntity,
  DataEndpointLocation,
  DataEndpointType,
  OpenLineageName,
  openLineageDatasetName,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { LAYERS } from '../vocabulary';
import type { Platform } from './types';

/**
 * Where things physically are and what OpenLineage calls them, derived from
 * the model so the catalog entities and the event stream always agree.
 */

const column = (name: string) => name.replace(/-/g, '_');

/** A data endpoint's store and location. */
export function endpointLocation(
  platform: Platform,
  index: number,
): { type: DataEndpointType; location: DataEndpointLocation } {
  const endpoint = platform.endpoints[index];
  const domain = platform.domains[endpoint.domain].name;
  const team = platform.teams[endpoint.team].name;
  const layer = LAYERS[endpoint.layer - 2];
  const prefix = platform.options.projectPrefix;
  // Every event type's topic and raw table live in one project.
  const eventsProject = `${prefix}-events`;
  const rest = layer
    ? endpoint.name.slice(layer.prefix.length + 1)
    : endpoint.name;
  switch (endpoint.role) {
    case 'topic':
      return {
        type: 'pubsub-topic',
        location: {
          project: eventsProject,
          topic: platform.eventTypes[endpoint.eventType!].name,
        },
      };
    case 'raw':
      return {
        type: 'bigquery-table',
        location: {
          project: eventsProject,
          dataset: `raw_${column(domain)}`,
          table: column(platform.eventTypes[endpoint.eventType!].name),
        },
      };
    case 'hub':
      return {
        type: 'bigquery-table',
        location: {
          project: `${prefix}-core`,
          dataset: 'core',
          table: column(endpoint.name),
        },
      };
    case 'stream':
      return {
        type: 'pubsub-topic',
        location: { project: `${prefix}-${domain}`, topic: endpoint.name },
      };
    case 'export':
      return {
        type: 'gcs-path',
        location: {
          bucket: `${prefix}-exports-${domain}`,
          path: `/${team}/${rest}/`,
        },
      };
    default:
      return {
        type: 'bigquery-table',
        location: {
          project: `${prefix}-${domain}`,
          dataset: `${layer.dataset}_${column(team)}`,
          table: column(rest),
        },
      };
  }
}

/** The OpenLineage dataset an endpoint is (by OpenLineage's naming convention). */
export function endpointDatasetName(
  platform: Platform,
  index: number,
): OpenLineageName {
  const { type, location } = endpointLocation(platform, index);
  return openLineageDatasetName({
    metadata: { name: platform.endpoints[index].name },
    spec: { type, location },
  } as DataEndpointEntity);
}

/** Job namespace per engine: what each scheduler's OpenLineage integration is configured with. */
function jobNamespace(engine: string): string {
  switch (engine) {
    case 'dataflow':
    case 'beam':
    case 'scio':
      return 'dataflow-prod';
    case 'flink':
      return 'flink-prod';
    case 'dbt':
      return 'dbt-prod';
    default:
      return 'airflow-prod';
  }
}

/** The Airflow DAG that schedules a batch pipeline (its OpenLineage parent job). */
export function pipelineDag(
  platform: Platform,
  index: number,
): string | undefined {
  const pipeline = platform.pipelines[index];
  if (jobNamespace(pipeline.engine) !== 'airflow-prod') return undefined;
  return `${column(platform.teams[pipeline.team].name)}_${pipeline.schedule}`;
}

/**
 * The OpenLineage job a pipeline is. Airflow tasks are `dag.task`, dbt models
 * `project.model.name`, streaming jobs their job name; the catalog maps them
 * through the pipeline's annotations.
 */
export function pipelineJobName(
  platform: Platform,
  index: number,
): OpenLineageName {
  const pipeline = platform.pipelines[index];
  const namespace = jobNamespace(pipeline.engine);
  const task = column(pipeline.name);
  if (namespace === 'airflow-prod') {
    return { namespace, name: `${pipelineDag(platform, index)}.${task}` };
  }
  if (namespace === 'dbt-prod') {
    const project = column(platform.domains[pipeline.domain].name);
    return { namespace, name: `${project}.model.${task}` };
  }
  return { namespace, name: pipeline.name };
}
