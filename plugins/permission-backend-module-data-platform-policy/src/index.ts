/**
 * The data platform portal's permission policy, as a module of Backstage's
 * permission backend.
 *
 * @packageDocumentation
 */

export { permissionModuleDataPlatformPolicy as default } from './module';
export { DataPlatformPermissionPolicy } from './DataPlatformPermissionPolicy';
export { readDataPlatformPolicyConfig } from './config';
export type { DataPlatformPolicyConfig } from './config';
