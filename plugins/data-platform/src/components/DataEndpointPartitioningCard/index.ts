export { DataEndpointPartitioningCard } from './DataEndpointPartitioningCard';
