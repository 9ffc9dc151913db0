import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** An entity as the provider `locationKey` hands it over: with the location it came from. */
export function providedEntity(
  entity: Entity,
  locationKey: string,
): DeferredEntity {
  const location = `url:https://example.com/${locationKey}/catalog-info.yaml`;
  return {
    locationKey,
    entity: {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
      },
    },
  };
}

/**
 * A catalog module with an entity provider named `locationKey` that hands
 * the catalog `entities` as one full mutation when it connects, and then its
 * connection, for later mutations.
 */
export function entityProviderModule(locationKey: string, entities: Entity[]) {
  let connected: (connection: EntityProviderConnection) => void;
  const connection = new Promise<EntityProviderConnection>(resolve => {
    connected = resolve;
  });
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: `${locationKey}-provider`,
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => locationKey,
            async connect(c) {
              await c.applyMutation({
                type: 'full',
                entities: entities.map(e => providedEntity(e, locationKey)),
              });
              connected(c);
            },
          });
        },
      });
    },
  });
  return { module, connection };
}
