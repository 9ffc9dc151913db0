import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { entityCards } from './entityCards';
import { pipelineHealthExtensions } from './health';
import { dataPlatformApi } from './api';
import { lineageEntityContent, lineageExplorerPage } from './lineage';
import { provisioningExtensions } from './provisioning';
import { qualityExtensions } from './quality';
import { lineageExplorerRouteRef, pipelineHealthRouteRef } from './routes';
import { schemaEditorFormField } from './schema-editor';
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
    dataPlatformApi,
    lineageEntityContent,
    lineageExplorerPage,
    schemaEditorFormField,
    schemaHistoryContent,
  ],
  routes: {
    lineageExplorer: lineageExplorerRouteRef,
    pipelineHealth: pipelineHealthRouteRef,
  },
});
