/**
 * Entity pages for the data platform's catalog kinds: EventType, Pipeline and
 * DataEndpoint.
 *
 * The default export is the plugin for Backstage's new frontend system. The
 * named component exports are for apps on the legacy frontend system, which
 * place them on their entity pages themselves (see the README).
 *
 * @packageDocumentation
 */

export { dataPlatformPlugin as default } from './plugin';
export {
  dataPlatformCatalogGraphModule,
  dataPlatformGraphRelations,
  dataPlatformGraphRelationPairs,
} from './catalogGraphModule';

export { EventTypeSchemaCard } from './components/EventTypeSchemaCard';
export { EventTypeDeliveryCard } from './components/EventTypeDeliveryCard';
export { EventTypeProducersCard } from './components/EventTypeProducersCard';
export { EventTypeEndpointsCard } from './components/EventTypeEndpointsCard';
export { DataEndpointLocationCard } from './components/DataEndpointLocationCard';
export { DataEndpointSchemaCard } from './components/DataEndpointSchemaCard';
export { DataEndpointPartitioningCard } from './components/DataEndpointPartitioningCard';
export { DataEndpointAccessCard } from './components/DataEndpointAccessCard';
export { DataEndpointQualityCard } from './components/DataEndpointQualityCard';
export { DataEndpointPipelinesCard } from './components/DataEndpointPipelinesCard';
export { PipelineScheduleCard } from './components/PipelineScheduleCard';
export { PipelineDataFlowCard } from './components/PipelineDataFlowCard';
export { SchemaFieldsTable, PiiBadge } from './components/SchemaFieldsTable';
export type { SchemaFieldsTableProps } from './components/SchemaFieldsTable';
export {
  OnCallPage,
  PipelineHealthContent,
  EndpointFreshnessCard,
} from './health';
export {
  EntityLineageContent,
  LineageExplorerPage,
  LineageExplorer,
  ColumnLineageView,
} from './lineage';
export type { ExplorerView, LineageExplorerProps } from './lineage';
export { durationInWords, stateDuration } from './format/time';
export { entityTypeLabel } from './format/entityType';
export { dataPlatformApiRef, DataPlatformClient } from './api';
export type { DataPlatformApi } from './api';
export { pipelineHealthApiRef } from './api/healthApi';
export type { PipelineHealthApi } from './api/healthApi';
export { PipelineHealthClient } from './api/healthClient';
export {
  InfrastructureContent,
  provisioningApiRef,
  ProvisioningClient,
} from './provisioning';
export type { ProvisioningApi } from './provisioning';
export {
  QualityContent,
  GroupQualityCard,
  QualityScoreBadge,
  createQualityScoreColumn,
  withQualityScoreColumn,
} from './quality';
export type {
  QualityContentProps,
  QualityScoreBadgeProps,
  QualityScoreColumnOptions,
} from './quality';
export {
  createPipelineHealthColumn,
  withPipelineHealthColumn,
} from './health/current';
export { dataQualityApiRef } from './api/qualityApi';
export type {
  DataQualityApi,
  OwnerQualityScores,
  QualityChecksQueued,
  VolumeMarkedNormal,
} from './api/qualityApi';
export { DataQualityClient } from './api/qualityClient';
export { EndpointPiiFindingsCard, OwnerPiiFindingsCard } from './pii';
export { personalDataApiRef } from './api/personalDataApi';
export type { PersonalDataApi, PiiFindingsQuery } from './api/personalDataApi';
export { PersonalDataClient } from './api/personalDataClient';
