import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Provisioner } from './provisioner';

/**
 * Where backend modules of the data-platform plugin add provisioners.
 *
 * @public
 */
export interface DataPlatformProvisioningExtensionPoint {
  /**
   * Adds a provisioner. When several take the same resource, the first
   * added wins. Call it from a module's `init`: once the plugin has
   * started, adding one throws. Ids must be unique.
   */
  addProvisioner(provisioner: Provisioner): void;
}

/**
 * The extension point for provisioners of the data-platform plugin.
 *
 * @public
 */
export const dataPlatformProvisioningExtensionPoint =
  createExtensionPoint<DataPlatformProvisioningExtensionPoint>({
    id: 'data-platform.provisioning',
  });
