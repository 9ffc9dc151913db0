export {
  provisioningExtensions,
  provisioningApi,
  infrastructureEntityContent,
} from './extensions';
export { InfrastructureContent } from './components/InfrastructureContent';
export { provisioningApiRef } from './api/ProvisioningApi';
export type { ProvisioningApi, ApplyHistory } from './api/ProvisioningApi';
export { ProvisioningClient } from './api/ProvisioningClient';
