import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { DataPlatformProcessor } from './processor/DataPlatformProcessor';
import { catalogEventTypeFields } from './processor/eventTypeFields';

/**
 * Adds the data platform's kinds (EventType, Pipeline, DataEndpoint) to the
 * catalog: validation (quality checks of an endpoint that stores an event
 * type against the event type's fields, read from the catalog) and
 * relations in both directions.
 *
 * @public
 */
export const catalogModuleDataPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-platform-processor',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogProcessingExtensionPoint,
        catalogService: catalogServiceRef,
      },
      async init({ catalog, config, auth, catalogService }) {
        catalog.addProcessor(
          DataPlatformProcessor.fromConfig(
            config,
            catalogEventTypeFields({ catalog: catalogService, auth }),
          ),
        );
      },
    });
  },
});
