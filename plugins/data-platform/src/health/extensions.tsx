import { PageBlueprint } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  isDataEndpointEntity,
  isPipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { RiHeartPulseLine } from '@remixicon/react';
import { pipelineHealthApi } from '../api/healthApiExtension';
import { HEALTH_TAB_PATH, pipelineHealthRouteRef } from '../routes';

/** The on-call page at /pipeline-health, in the nav as "Pipeline health" (`page:data-platform/pipeline-health`). */
export const pipelineHealthPage = PageBlueprint.make({
  name: 'pipeline-health',
  params: {
    path: '/pipeline-health',
    title: 'Pipeline health',
    icon: <RiHeartPulseLine size={20} />,
    routeRef: pipelineHealthRouteRef,
    loader: () => import('./oncall/OnCallPage').then(m => <m.OnCallPage />),
  },
});

/** The Health tab of Pipeline pages (`entity-content:data-platform/pipeline-health`). */
export const pipelineHealthEntityContent = EntityContentBlueprint.make({
  name: 'pipeline-health',
  params: {
    path: `/${HEALTH_TAB_PATH}`,
    title: 'Health',
    group: 'observability',
    filter: isPipelineEntity,
    loader: () =>
      import('./pipeline/PipelineHealthContent').then(m => (
        <m.PipelineHealthContent />
      )),
  },
});

/** The freshness card of DataEndpoint pages (`entity-card:data-platform/endpoint-freshness`). */
export const endpointFreshnessCard = EntityCardBlueprint.make({
  name: 'endpoint-freshness',
  params: {
    type: 'info',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./endpoint/EndpointFreshnessCard').then(m => (
        <m.EndpointFreshnessCard />
      )),
  },
});

/** Every extension of pipeline health, API included, for the plugin's list. */
export const pipelineHealthExtensions = [
  pipelineHealthApi,
  pipelineHealthPage,
  pipelineHealthEntityContent,
  endpointFreshnessCard,
];
