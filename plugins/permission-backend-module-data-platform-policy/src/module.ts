import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readDataPlatformPolicyConfig } from './config';
import { DataPlatformPermissionPolicy } from './DataPlatformPermissionPolicy';

/**
 * Installs the data platform portal's permission policy (see
 * {@link DataPlatformPermissionPolicy}) in the permission backend, with the
 * admin and on-call groups of `dataPlatform.permissions`.
 *
 * @public
 */
export const permissionModuleDataPlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'data-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          new DataPlatformPermissionPolicy({
            config: readDataPlatformPolicyConfig(config),
            userInfo,
          }),
        );
      },
    });
  },
});
