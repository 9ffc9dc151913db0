import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  openLineageDatasetName,
  openLineageJobName,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  CatalogNodeKind,
  LineageEntityRecord,
} from '../LineageIndex/types';
import { specRef } from './specRef';

/**
 * What the lineage index keeps of a catalog entity: its node and the edges
 * its YAML declares, along data flow (producer -> event type -> endpoint ->
 * pipeline -> endpoint).
 */
export function toLineageRecord(
  entity: Entity,
  defaultJobNamespace: string,
): LineageEntityRecord {
  const self = stringifyEntityRef(entity);
  const owner =
    typeof entity.spec?.owner === 'string'
      ? specRef(entity, entity.spec.owner, 'group')
      : undefined;
  const base = {
    entityRef: self,
    etag: entity.metadata.etag ?? '',
    title: entity.metadata.title ?? entity.metadata.name,
    owner,
  };
  if (isEventTypeEntity(entity)) {
    return {
      ...base,
      kind: 'EventType',
      declaredEdges: (entity.spec.producers ?? []).map(p => ({
        from: specRef(entity, p, 'component'),
        to: self,
      })),
    };
  }
  if (isDataEndpointEntity(entity)) {
    const eventType = entity.spec.schema?.eventType;
    return {
      ...base,
      kind: 'DataEndpoint',
      openLineage: openLineageDatasetName(entity),
      declaredEdges: eventType
        ? [{ from: specRef(entity, eventType, 'eventtype'), to: self }]
        : [],
    };
  }
  if (isPipelineEntity(entity)) {
    return {
      ...base,
      kind: 'Pipeline',
      openLineage: openLineageJobName(entity, defaultJobNamespace),
      declaredEdges: [
        ...(entity.spec.inputs ?? []).map(i => ({
          from: specRef(entity, i, 'dataendpoint'),
          to: self,
        })),
        ...(entity.spec.outputs ?? []).map(o => ({
          from: self,
          to: specRef(entity, o, 'dataendpoint'),
        })),
      ],
    };
  }
  return {
    ...base,
    kind: entity.kind as CatalogNodeKind,
    declaredEdges: [],
  };
}
