import {
  CompoundEntityRef,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DATA_ENDPOINT_KIND,
  DataPlatformEntity,
  EVENT_TYPE_KIND,
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  RELATION_EVENT_TYPE_OF,
  RELATION_HAS_EVENT_TYPE,
  RELATION_PRODUCED_BY,
  RELATION_PRODUCER_OF,
  RELATION_READ_BY,
  RELATION_READS_FROM,
  RELATION_WRITES_TO,
  RELATION_WRITTEN_BY,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** What the relation emission may add beyond the data platform's own relations. */
export interface RelationOptions {
  /**
   * Also emit the stock dependsOn/dependencyOf along the data flow: an entity
   * depends on what is upstream of it.
   */
  dependencyRelations: boolean;
}

/**
 * Emits every relation of one of the data platform's (already validated)
 * entities, each in both directions, the way the catalog's built-in kinds do.
 */
export function emitDataPlatformRelations(
  entity: DataPlatformEntity,
  emit: CatalogProcessorEmit,
  options: RelationOptions,
): void {
  const self = getCompoundEntityRef(entity);

  const relate = (
    targets: string | string[] | undefined,
    defaultKind: string,
    forward: string,
    reverse: string,
    dependency?: 'dependsOn' | 'dependencyOf',
  ) => {
    for (const target of [targets ?? []].flat()) {
      const other = parseEntityRef(target, {
        defaultKind,
        defaultNamespace: self.namespace,
      });
      emitPair(emit, self, other, forward, reverse);
      if (dependency === 'dependsOn' && options.dependencyRelations) {
        emitPair(
          emit,
          self,
          other,
          RELATION_DEPENDS_ON,
          RELATION_DEPENDENCY_OF,
        );
      } else if (dependency === 'dependencyOf' && options.dependencyRelations) {
        emitPair(
          emit,
          self,
          other,
          RELATION_DEPENDENCY_OF,
          RELATION_DEPENDS_ON,
        );
      }
    }
  };

  const { spec } = entity;
  relate(spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
  relate(spec.system, 'System', RELATION_PART_OF, RELATION_HAS_PART);

  if (isPipelineEntity(entity)) {
    const { inputs, outputs } = entity.spec;
    // A pipeline depends on what it reads; what it writes depends on it.
    relate(
      inputs,
      DATA_ENDPOINT_KIND,
      RELATION_READS_FROM,
      RELATION_READ_BY,
      'dependsOn',
    );
    relate(
      outputs,
      DATA_ENDPOINT_KIND,
      RELATION_WRITES_TO,
      RELATION_WRITTEN_BY,
      'dependencyOf',
    );
  } else if (isDataEndpointEntity(entity)) {
    relate(
      entity.spec.schema?.eventType,
      EVENT_TYPE_KIND,
      RELATION_HAS_EVENT_TYPE,
      RELATION_EVENT_TYPE_OF,
      'dependsOn',
    );
  } else if (isEventTypeEntity(entity)) {
    relate(
      entity.spec.producers,
      'Component',
      RELATION_PRODUCED_BY,
      RELATION_PRODUCER_OF,
      'dependsOn',
    );
  }
}

function emitPair(
  emit: CatalogProcessorEmit,
  source: CompoundEntityRef,
  target: CompoundEntityRef,
  forward: string,
  reverse: string,
) {
  emit(processingResult.relation({ source, type: forward, target }));
  emit(
    processingResult.relation({
      source: target,
      type: reverse,
      target: source,
    }),
  );
}
