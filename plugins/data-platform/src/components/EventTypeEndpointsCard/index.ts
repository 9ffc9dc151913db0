export { EventTypeEndpointsCard } from './EventTypeEndpointsCard';
