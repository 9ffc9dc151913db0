import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATIONS,
  ALL_RELATION_PAIRS,
  DefaultCatalogGraphApi,
  catalogGraphApiRef,
} from '@backstage/plugin-catalog-graph';
import { DATA_PLATFORM_RELATION_PAIRS } from '@dataplatform/backstage-plugin-data-platform-common';

/** The stock relations plus the data platform's, both directions of each pair. */
export const dataPlatformGraphRelations = [
  ...ALL_RELATIONS,
  ...DATA_PLATFORM_RELATION_PAIRS.flat(),
];

/** The stock relation pairs plus the data platform's (readsFrom/readBy, ...). */
export const dataPlatformGraphRelationPairs: [string, string][] = [
  ...ALL_RELATION_PAIRS,
  ...DATA_PLATFORM_RELATION_PAIRS,
];

/**
 * Teaches catalog-graph the data platform's relations, so its entity card and
 * page draw pipelines, endpoints, event types and producers with one labelled
 * edge per pair. It replaces catalog-graph's API (`api:catalog-graph`) through
 * a module of that plugin, which is how the new frontend system overrides
 * another plugin's API; the card and page then need no config.
 */
export const dataPlatformCatalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: dataPlatformGraphRelations,
              knownRelationPairs: dataPlatformGraphRelationPairs,
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
