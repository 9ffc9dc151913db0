import type { Entity } from '@backstage/catalog-model';
import {
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { endpointTypeLabel } from './endpointLocation';
import { engineLabel } from './engine';

const DELIVERY_WORDS: Record<string, string> = {
  HOUR: 'Hourly events',
  DAY: 'Daily events',
};

/**
 * What sort of thing an entity of the data platform is, in a few words, for
 * a list's Type column: "Hourly events" for an event type (by its delivery
 * partitions), "dbt, daily" for a pipeline (engine and schedule), "Pub/Sub
 * topic" for a data endpoint. Other entities: their `spec.type`, if any.
 */
export function entityTypeLabel(entity: Entity): string | undefined {
  if (isEventTypeEntity(entity)) {
    const partitioning = entity.spec?.delivery?.partitioning;
    return (partitioning && DELIVERY_WORDS[partitioning]) ?? 'Events';
  }
  if (isPipelineEntity(entity)) {
    const schedule = entity.spec?.schedule?.type;
    const engine = engineLabel(entity.spec?.engine);
    return schedule ? `${engine}, ${schedule}` : engine;
  }
  if (isDataEndpointEntity(entity)) {
    return endpointTypeLabel(entity.spec?.type);
  }
  const type = entity.spec?.type;
  return typeof type === 'string' ? type : undefined;
}
