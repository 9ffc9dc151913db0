export { EndpointTypeIcon, EndpointTypeLabel } from './EndpointTypeLabel';
