import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createEventTypeRegisterAction } from './actions/eventTypeRegister';
import { createEventTypeRenderAction } from './actions/eventTypeRender';
import { createEventTypeValidateAction } from './actions/eventTypeValidate';
import { createProvisioningApplyAction } from './actions/provisioningApply';
import { createPublishLocalAction } from './actions/publishLocal';
import { readDataPlatformScaffolderConfig } from './config';
import { SchemaChangeClient } from './services/schemaChangeClient';

/**
 * Scaffolder actions that validate, render, publish and register event types,
 * and provision their infrastructure.
 */
export const scaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-platform',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolderActions, catalog, config, auth, discovery }) {
        const { localCatalogDirectory, landing } =
          readDataPlatformScaffolderConfig(config);
        scaffolderActions.addActions(
          createEventTypeValidateAction({
            catalog,
            schemaChanges: new SchemaChangeClient({ auth, discovery }),
          }),
          createEventTypeRenderAction({ catalog, landing }),
          createPublishLocalAction({
            catalog,
            directory: localCatalogDirectory,
          }),
          createEventTypeRegisterAction({ catalog }),
          createProvisioningApplyAction({ catalog, auth, discovery }),
        );
      },
    });
  },
});
