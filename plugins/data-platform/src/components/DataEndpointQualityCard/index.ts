export { DataEndpointQualityCard } from './DataEndpointQualityCard';
