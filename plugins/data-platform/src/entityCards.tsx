import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';

/*
 * The overview cards of the three kinds. Each is filtered to its kind with
 * the type guards from -common (kind and apiVersion), so a Component called
 * "EventType" in another apiVersion group never gets them. `info` cards go
 * to the narrow column next to the catalog's About card, `content` cards to
 * the main one. Components are loaded lazily and know nothing of this wiring.
 */

/** EventType: schema fields with revision and compatibility. */
export const eventTypeSchemaCard = EntityCardBlueprint.make({
  name: 'event-type-schema',
  params: {
    type: 'content',
    filter: isEventTypeEntity,
    loader: () =>
      import('./components/EventTypeSchemaCard').then(m => (
        <m.EventTypeSchemaCard />
      )),
  },
});

/** EventType: partition granularity and retention. */
export const eventTypeDeliveryCard = EntityCardBlueprint.make({
  name: 'event-type-delivery',
  params: {
    type: 'info',
    filter: isEventTypeEntity,
    loader: () =>
      import('./components/EventTypeDeliveryCard').then(m => (
        <m.EventTypeDeliveryCard />
      )),
  },
});

/** EventType: the components that emit it. */
export const eventTypeProducersCard = EntityCardBlueprint.make({
  name: 'event-type-producers',
  params: {
    type: 'info',
    filter: isEventTypeEntity,
    loader: () =>
      import('./components/EventTypeProducersCard').then(m => (
        <m.EventTypeProducersCard />
      )),
  },
});

/** EventType: the data endpoints storing its events. */
export const eventTypeEndpointsCard = EntityCardBlueprint.make({
  name: 'event-type-endpoints',
  params: {
    type: 'content',
    filter: isEventTypeEntity,
    loader: () =>
      import('./components/EventTypeEndpointsCard').then(m => (
        <m.EventTypeEndpointsCard />
      )),
  },
});

/** DataEndpoint: store type and physical address. */
export const dataEndpointLocationCard = EntityCardBlueprint.make({
  name: 'data-endpoint-location',
  params: {
    type: 'info',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./components/DataEndpointLocationCard').then(m => (
        <m.DataEndpointLocationCard />
      )),
  },
});

/** DataEndpoint: partitioning and retention. */
export const dataEndpointPartitioningCard = EntityCardBlueprint.make({
  name: 'data-endpoint-partitioning',
  params: {
    type: 'info',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./components/DataEndpointPartitioningCard').then(m => (
        <m.DataEndpointPartitioningCard />
      )),
  },
});

/** DataEndpoint: readers and writers. */
export const dataEndpointAccessCard = EntityCardBlueprint.make({
  name: 'data-endpoint-access',
  params: {
    type: 'info',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./components/DataEndpointAccessCard').then(m => (
        <m.DataEndpointAccessCard />
      )),
  },
});

/** DataEndpoint: its own fields or its event type's. */
export const dataEndpointSchemaCard = EntityCardBlueprint.make({
  name: 'data-endpoint-schema',
  params: {
    type: 'content',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./components/DataEndpointSchemaCard').then(m => (
        <m.DataEndpointSchemaCard />
      )),
  },
});

/** DataEndpoint: the pipelines writing and reading it. */
export const dataEndpointPipelinesCard = EntityCardBlueprint.make({
  name: 'data-endpoint-pipelines',
  params: {
    type: 'content',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./components/DataEndpointPipelinesCard').then(m => (
        <m.DataEndpointPipelinesCard />
      )),
  },
});

/** DataEndpoint: declared quality checks. */
export const dataEndpointQualityCard = EntityCardBlueprint.make({
  name: 'data-endpoint-quality',
  params: {
    type: 'content',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./components/DataEndpointQualityCard').then(m => (
        <m.DataEndpointQualityCard />
      )),
  },
});

/** Pipeline: engine, schedule and SLA. */
export const pipelineScheduleCard = EntityCardBlueprint.make({
  name: 'pipeline-schedule',
  params: {
    type: 'info',
    filter: isPipelineEntity,
    loader: () =>
      import('./components/PipelineScheduleCard').then(m => (
        <m.PipelineScheduleCard />
      )),
  },
});

/** Pipeline: declared inputs and outputs. */
export const pipelineDataFlowCard = EntityCardBlueprint.make({
  name: 'pipeline-data-flow',
  params: {
    type: 'content',
    filter: isPipelineEntity,
    loader: () =>
      import('./components/PipelineDataFlowCard').then(m => (
        <m.PipelineDataFlowCard />
      )),
  },
});

/** Pipeline: its health now, as the on-call page and Health tab say it. */
export const pipelineHealthCard = EntityCardBlueprint.make({
  name: 'pipeline-health',
  params: {
    type: 'info',
    filter: isPipelineEntity,
    loader: () =>
      import('./health/current/PipelineHealthCard').then(m => (
        <m.PipelineHealthCard />
      )),
  },
});

/** Every overview card of the plugin, in the order they appear on a page. */
export const entityCards = [
  eventTypeSchemaCard,
  eventTypeEndpointsCard,
  eventTypeDeliveryCard,
  eventTypeProducersCard,
  dataEndpointSchemaCard,
  dataEndpointPipelinesCard,
  dataEndpointQualityCard,
  dataEndpointLocationCard,
  dataEndpointPartitioningCard,
  dataEndpointAccessCard,
  pipelineDataFlowCard,
  pipelineHealthCard,
  pipelineScheduleCard,
];
