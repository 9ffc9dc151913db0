export { DataEndpointAccessCard } from './DataEndpointAccessCard';
