export { DataEndpointLocationCard } from './DataEndpointLocationCard';
