import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  dataPlatformProvisioningExtensionPoint,
  dataPlatformQualityExtensionPoint,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { readGcpProvisioningConfig, readGcpQualityConfig } from './config';
import { GcpProvisioner } from './GcpProvisioner';
import { BigQueryQualityRunner } from './quality/BigQueryQualityRunner';

/**
 * Adds the Google Cloud provisioner and the BigQuery quality runner to the
 * data-platform backend when `dataPlatform.gcp` is configured.
 */
export const dataPlatformModuleGcp = createBackendModule({
  pluginId: 'data-platform',
  moduleId: 'gcp',
  register({ registerInit }) {
    registerInit({
      deps: {
        provisioning: dataPlatformProvisioningExtensionPoint,
        quality: dataPlatformQualityExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ provisioning, quality, config, logger }) {
        const gcp = readGcpProvisioningConfig(config);
        const gcpQuality = readGcpQualityConfig(config);
        if (!gcp || !gcpQuality) {
          logger.info(
            'Google Cloud is not configured (dataPlatform.gcp): no provisioner or quality runner added',
          );
          return;
        }
        if (!gcp.delivery.pseudonymizationKey) {
          logger.info(
            'No dataPlatform.gcp.delivery.pseudonymizationKey: deliveries are not provisioned on Google Cloud',
          );
        }
        provisioning.addProvisioner(new GcpProvisioner({ config: gcp }));
        quality.addRunner(new BigQueryQualityRunner({ config: gcpQuality }));
      },
    });
  },
});
