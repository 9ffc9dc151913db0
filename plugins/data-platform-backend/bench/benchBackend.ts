import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** An entity as the bench provider hands it to the catalog. */
export function benchProvided(entity: Entity) {
  return {
    locationKey: 'data-platform-bench',
    entity: {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'backstage.io/managed-by-location':
            'url:https://bench.example/catalog.yaml',
          'backstage.io/managed-by-origin-location':
            'url:https://bench.example/catalog.yaml',
        },
      },
    },
  };
}

/**
 * A catalog module that hands the catalog a fixed set of entities, as one
 * full mutation, and then its connection, for the bench's later mutations.
 */
export function benchCatalogModule(entities: Entity[]) {
  let connected: (connection: EntityProviderConnection) => void;
  const connection = new Promise<EntityProviderConnection>(resolve => {
    connected = resolve;
  });
  const provider: EntityProvider = {
    getProviderName: () => 'data-platform-bench',
    async connect(c: EntityProviderConnection) {
      await c.applyMutation({
        type: 'full',
        entities: entities.map(benchProvided),
      });
      connected(c);
    },
  };
  const catalogModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'data-platform-bench-provider',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          logger: coreServices.logger,
        },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
  return { module: catalogModule, connection };
}

/** Polls `check` every `intervalMs` until it holds (up to `timeoutMinutes`). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMinutes = 60,
  intervalMs = 1000,
): Promise<void> {
  const deadline = Date.now() + timeoutMinutes * 60_000;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
