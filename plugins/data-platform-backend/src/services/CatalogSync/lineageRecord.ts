import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
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

function refTo(ref: string, defaultKind: string, entity: Entity): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

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
      ? refTo(entity.spec.owner, 'group', entity)
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
        from: refTo(p, 'component', entity),
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
        ? [{ from: refTo(eventType, 'eventtype', entity), to: self }]
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
          from: refTo(i, 'dataendpoint', entity),
          to: self,
        })),
        ...(entity.spec.outputs ?? []).map(o => ({
          from: self,
          to: refTo(o, 'dataendpoint', entity),
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
