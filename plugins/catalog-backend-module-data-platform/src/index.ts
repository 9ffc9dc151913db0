/**
 * Catalog backend module for the data platform: validates EventType, Pipeline
 * and DataEndpoint entities and emits their relations in both directions.
 *
 * @packageDocumentation
 */

export { catalogModuleDataPlatform as default } from './module';
export {
  DataPlatformProcessor,
  DEPENDENCY_RELATIONS_CONFIG_KEY,
} from './processor/DataPlatformProcessor';
export type { RelationOptions } from './processor/relations';
