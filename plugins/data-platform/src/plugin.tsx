import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { entityCards } from './entityCards';
import { fieldSearchExtensions } from './fieldSearch/extensions';
import { pipelineHealthExtensions } from './health';
import { dataPlatformApi } from './api';
import { lineageEntityContent, lineageExplorerPage } from './lineage';
import { personalDataExtensions } from './pii';
import { provisioningExtensions } from './provisioning';
import { qualityExtensions } from './quality';
import { lineageExplorerRouteRef, pipelineHealthRouteRef } from './routes';
import { eventTypeFormFields } from './schema-editor';
import { schemaHistoryContent } from './schema-history';

/**
 * The data platform's frontend plugin: entity pages for EventType, Pipeline
 * and DataEndpoint in the catalog.
 */
export const dataPlatformPlugin = createFrontendPlugin({
  pluginId: 'data-platform',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    ...entityCards,
    ...pipelineHealthExtensions,
    ...provisioningExtensions,
    ...qualityExtensions,
    ...personalDataExtensions,
    dataPlatformApi,
    lineageEntityContent,
    lineageExplorerPage,
    ...eventTypeFormFields,
    schemaHistoryContent,
    ...fieldSearchExtensions,
  ],
  routes: {
    lineageExplorer: lineageExplorerRouteRef,
    pipelineHealth: pipelineHealthRouteRef,
  },
});
