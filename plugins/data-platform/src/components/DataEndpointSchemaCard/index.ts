export { DataEndpointSchemaCard } from './DataEndpointSchemaCard';
