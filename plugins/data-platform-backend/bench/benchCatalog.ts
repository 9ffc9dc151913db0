/*
 * How the lineage benches hand a generated platform to a real catalog: a
 * catalog module whose entity provider gives the catalog every entity when it
 * connects, and then each of the bench's rounds of changes, the way a
 * company's own provider would.
 */
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

/** The location key and provider name of the bench's entities. */
const BENCH_PROVIDER = 'data-platform-bench';
const BENCH_LOCATION = `url:https://example.com/${BENCH_PROVIDER}/catalog-info.yaml`;

/** The catalog side of a bench, once its provider is connected. */
export type BenchCatalog = {
  /** Hands the catalog `present` as they are now and removes the `gone` refs. */
  change(present: Entity[], gone: string[]): Promise<void>;
};

function fromBench(entity: Entity): DeferredEntity {
  return {
    locationKey: BENCH_PROVIDER,
    entity: {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: BENCH_LOCATION,
          [ANNOTATION_ORIGIN_LOCATION]: BENCH_LOCATION,
        },
      },
    },
  };
}

/** The catalog module that provides `entities`, and the bench's hold on it. */
export function benchCatalogModule(entities: Entity[]) {
  let connected: (connection: EntityProviderConnection) => void;
  const connection = new Promise<EntityProviderConnection>(resolve => {
    connected = resolve;
  });
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: `${BENCH_PROVIDER}-provider`,
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => BENCH_PROVIDER,
            async connect(c) {
              await c.applyMutation({
                type: 'full',
                entities: entities.map(fromBench),
              });
              connected(c);
            },
          });
        },
      });
    },
  });
  const catalog = connection.then(
    (c): BenchCatalog => ({
      change: (present, gone) =>
        c.applyMutation({
          type: 'delta',
          added: present.map(fromBench),
          removed: gone.map(entityRef => ({
            entityRef,
            locationKey: BENCH_PROVIDER,
          })),
        }),
    }),
  );
  return { module, catalog };
}
