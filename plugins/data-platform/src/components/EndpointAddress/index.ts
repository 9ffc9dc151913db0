export { EndpointAddress } from './EndpointAddress';
