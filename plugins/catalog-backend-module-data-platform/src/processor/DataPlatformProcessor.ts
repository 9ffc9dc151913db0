import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  DATA_PLATFORM_API_VERSION,
  formatProblems,
  isDataPlatformEntity,
  validateDataPlatformEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { emitDataPlatformRelations, RelationOptions } from './relations';

/** The config key that switches on the stock dependsOn/dependencyOf relations. */
export const DEPENDENCY_RELATIONS_CONFIG_KEY =
  'catalog.processors.dataPlatform.dependencyRelations';

/**
 * Validates the data platform's kinds (EventType, Pipeline, DataEndpoint of
 * apiVersion `dataplatform.io/v1alpha1`) and emits their relations in both
 * directions. Entities of any other apiVersion pass through untouched.
 */
export class DataPlatformProcessor implements CatalogProcessor {
  static fromConfig(config: Config): DataPlatformProcessor {
    return new DataPlatformProcessor({
      dependencyRelations:
        config.getOptionalBoolean(DEPENDENCY_RELATIONS_CONFIG_KEY) ?? false,
    });
  }

  constructor(
    private readonly options: RelationOptions = { dependencyRelations: false },
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
    if (problems.length > 0) {
      throw new InputError(
        `${entity.kind} "${displayName(entity)}": ${formatProblems(problems)}`,
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (isDataPlatformEntity(entity)) {
      emitDataPlatformRelations(entity, emit, this.options);
    }
    return entity;
  }
}

function displayName(entity: Entity): string {
  const { namespace, name } = entity.metadata;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}
