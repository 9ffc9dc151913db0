export { DataEndpointPipelinesCard } from './DataEndpointPipelinesCard';
