import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DataPlatformProcessor } from './processor/DataPlatformProcessor';

/**
 * Adds the data platform's kinds (EventType, Pipeline, DataEndpoint) to the
 * catalog: validation and relations in both directions.
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
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(DataPlatformProcessor.fromConfig(config));
      },
    });
  },
});
