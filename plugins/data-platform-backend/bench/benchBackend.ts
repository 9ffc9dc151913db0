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

/** A catalog module that hands the catalog a fixed set of entities, as one full mutation. */
export function benchCatalogModule(entities: Entity[]) {
  const provider: EntityProvider = {
    getProviderName: () => 'data-platform-bench',
    async connect(connection: EntityProviderConnection) {
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({
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
        })),
      });
    },
  };
  return createBackendModule({
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
}

/** Polls `check` every second until it holds (up to `timeoutMinutes`). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMinutes = 60,
): Promise<void> {
  const deadline = Date.now() + timeoutMinutes * 60_000;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
