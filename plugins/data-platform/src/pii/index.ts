export { personalDataExtensions } from './extensions';
export { EndpointPiiFindingsCard } from './EndpointPiiFindingsCard';
export { OwnerPiiFindingsCard } from './OwnerPiiFindingsCard';
