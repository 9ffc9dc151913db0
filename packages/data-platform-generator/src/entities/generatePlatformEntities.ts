import type { Entity } from '@backstage/catalog-model';
import type { Platform } from '../model/types';
import {
  dataEndpointEntity,
  eventTypeEntity,
  pipelineEntity,
} from './dataPlatformEntities';
import { organizationEntities } from './organizationEntities';

/**
 * Every catalog entity of a platform, one at a time: the organisation,
 * systems and components first, then event types, data endpoints and
 * pipelines. Nothing is kept after it is yielded.
 */
export function* generatePlatformEntities(
  platform: Platform,
): Generator<Entity> {
  yield* organizationEntities(platform);
  for (let i = 0; i < platform.eventTypes.length; i++) {
    yield eventTypeEntity(platform, i);
  }
  for (let i = 0; i < platform.endpoints.length; i++) {
    yield dataEndpointEntity(platform, i);
  }
  for (let i = 0; i < platform.pipelines.length; i++) {
    yield pipelineEntity(platform, i);
  }
}

/** How many entities `generatePlatformEntities` yields, by kind. */
export function countPlatformEntities(
  platform: Platform,
): Record<string, number> {
  return {
    Group: 1 + platform.tribes.length + platform.teams.length,
    User: platform.users.length,
    Domain: platform.domains.length,
    System: platform.systems.length,
    Component: platform.components.length,
    EventType: platform.eventTypes.length,
    DataEndpoint: platform.endpoints.length,
    Pipeline: platform.pipelines.length,
  };
}
