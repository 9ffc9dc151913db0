/**
 * Synthesises a data platform shaped like Spotify's (event types, pipelines,
 * data endpoints, the teams and components around them) as Backstage catalog
 * entities and as an OpenLineage event stream, deterministically from a seed.
 * Used by the benchmarks and to fill a dev portal.
 *
 * @packageDocumentation
 */

export * from './presets';
export { Random } from './random';
export type * from './model/types';
export { buildPlatform } from './model/buildPlatform';
export {
  endpointDatasetName,
  endpointLocation,
  pipelineJobName,
} from './model/identities';
export { endpointFields, eventTypeSchema } from './model/schemas';
export {
  generatePlatformEntities,
  countPlatformEntities,
} from './entities/generatePlatformEntities';
export {
  eventTypeEntity,
  dataEndpointEntity,
  pipelineEntity,
} from './entities/dataPlatformEntities';
export { lineageStats } from './lineage/lineageStats';
export type { LineageStats } from './lineage/lineageStats';
export {
  generateOpenLineageEvents,
  openLineageCatalogGaps,
} from './openlineage/generateOpenLineageEvents';
export type { OpenLineageEventOptions } from './openlineage/runPlans';
export type { OpenLineageRunEvent } from './openlineage/runEvents';
export type { CatalogGaps } from './openlineage/unregistered';
export {
  createOpenLineageValidator,
  findOpenLineageSpecDir,
} from './openlineage/validator';
export type { OpenLineageValidator } from './openlineage/validator';
export { writeCatalog } from './output/writeCatalog';
export type { CatalogOutput } from './output/writeCatalog';
export { writeEventFile } from './output/writeEvents';
export type { EventFileOutput } from './output/writeEvents';
