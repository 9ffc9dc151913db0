import { createHash } from 'node:crypto';
import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_CHANGED_AT,
  DATA_PLATFORM_API_VERSION,
  formatProblems,
  isDataEndpointEntity,
  isDataPlatformEntity,
  qualityProblems,
  validateDataPlatformEntity,
  ValidationProblem,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { EventTypeFieldsLookup } from './eventTypeFields';
import { emitDataPlatformRelations, RelationOptions } from './relations';

/** The config key that switches on the stock dependsOn/dependencyOf relations. */
export const DEPENDENCY_RELATIONS_CONFIG_KEY =
  'catalog.processors.dataPlatform.dependencyRelations';

/** What the processor keeps per entity between processing runs. */
type DefinitionState = { hash: string; changedAt: string };
const DEFINITION_CACHE_KEY = 'definition';

/**
 * Validates the data platform's kinds (EventType, Pipeline, DataEndpoint of
 * apiVersion `dataplatform.io/v1alpha1`), emits their relations in both
 * directions, and stamps each with when its definition last changed
 * (`dataplatform.io/changed-at`). Entities of any other apiVersion pass
 * through untouched.
 */
export class DataPlatformProcessor implements CatalogProcessor {
  static fromConfig(
    config: Config,
    eventTypeFields?: EventTypeFieldsLookup,
  ): DataPlatformProcessor {
    return new DataPlatformProcessor({
      dependencyRelations:
        config.getOptionalBoolean(DEPENDENCY_RELATIONS_CONFIG_KEY) ?? false,
      eventTypeFields,
    });
  }

  constructor(
    private readonly options: RelationOptions & {
      /** Reads the fields of the event type an endpoint stores. */
      eventTypeFields?: EventTypeFieldsLookup;
    } = { dependencyRelations: false },
  ) {}

  getProcessorName(): string {
    return 'DataPlatformProcessor';
  }

  /**
   * True for a valid entity of the data platform's kinds, false for entities
   * of other apiVersions. An invalid one is rejected with an InputError that
   * names the entity and every problem with its field path; the catalog
   * records it as the entity's processing error.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.apiVersion !== DATA_PLATFORM_API_VERSION) {
      return false;
    }
    const problems = validateDataPlatformEntity(entity);
    if (problems.length === 0) {
      problems.push(...(await this.storedSchemaProblems(entity)));
    }
    if (problems.length > 0) {
      throw new InputError(
        `${entity.kind} "${displayName(entity)}": ${formatProblems(problems)}`,
      );
    }
    return true;
  }

  /**
   * Quality checks of an endpoint that stores an event type name columns of
   * the event type's schema: checked against it once the catalog has it.
   */
  private async storedSchemaProblems(
    entity: Entity,
  ): Promise<ValidationProblem[]> {
    const lookup = this.options.eventTypeFields;
    if (!lookup || !isDataEndpointEntity(entity)) return [];
    const { spec } = entity;
    if (!spec.schema?.eventType || !spec.quality?.length) return [];
    const ref = stringifyEntityRef(
      parseEntityRef(spec.schema.eventType, {
        defaultKind: 'eventtype',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
    const fields = await lookup(ref);
    if (!fields) return [];
    return qualityProblems(spec.quality, fields, {
      endpointType: spec.type,
      table:
        spec.type === 'bigquery-table' && spec.location.table
          ? { ...spec.location, table: spec.location.table }
          : undefined,
    });
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (!isDataPlatformEntity(entity)) {
      return entity;
    }
    emitDataPlatformRelations(entity, emit, this.options);
    return stampChangedAt(entity, cache);
  }
}

/**
 * Adds `dataplatform.io/changed-at`: the time of the first processing run that
 * saw the entity's current definition. The catalog reprocesses every entity
 * every few minutes; the stamp moves only when the definition differs from
 * the one the cache remembers, so an unchanged entity is not restitched.
 */
async function stampChangedAt(
  entity: Entity,
  cache: CatalogProcessorCache,
): Promise<Entity> {
  const { [ANNOTATION_CHANGED_AT]: _previous, ...annotations } =
    entity.metadata.annotations ?? {};
  const definition: Entity = {
    ...entity,
    metadata: { ...entity.metadata, annotations },
  };
  const hash = createHash('sha256')
    .update(JSON.stringify(definition))
    .digest('base64url');
  let state = await cache.get<DefinitionState>(DEFINITION_CACHE_KEY);
  if (state?.hash !== hash) {
    state = { hash, changedAt: new Date().toISOString() };
    await cache.set(DEFINITION_CACHE_KEY, state);
  }
  return {
    ...definition,
    metadata: {
      ...definition.metadata,
      annotations: { ...annotations, [ANNOTATION_CHANGED_AT]: state.changedAt },
    },
  };
}

function displayName(entity: Entity): string {
  const { namespace, name } = entity.metadata;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}
