import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { dataPlatformProvisioningExtensionPoint } from '@dataplatform/backstage-plugin-data-platform-node';
import { readGcpProvisioningConfig } from './config';
import { GcpProvisioner } from './GcpProvisioner';

/**
 * Adds the Google Cloud provisioner to the data-platform backend when
 * `dataPlatform.gcp` is configured.
 */
export const dataPlatformModuleGcp = createBackendModule({
  pluginId: 'data-platform',
  moduleId: 'gcp',
  register({ registerInit }) {
    registerInit({
      deps: {
        provisioning: dataPlatformProvisioningExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ provisioning, config, logger }) {
        const gcp = readGcpProvisioningConfig(config);
        if (!gcp) {
          logger.info(
            'Google Cloud provisioning is not configured (dataPlatform.gcp): no provisioner added',
          );
          return;
        }
        if (!gcp.delivery.pseudonymizationKey) {
          logger.info(
            'No dataPlatform.gcp.delivery.pseudonymizationKey: deliveries are not provisioned on Google Cloud',
          );
        }
        provisioning.addProvisioner(new GcpProvisioner({ config: gcp }));
      },
    });
  },
});
