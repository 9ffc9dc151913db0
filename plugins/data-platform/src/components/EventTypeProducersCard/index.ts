export { EventTypeProducersCard } from './EventTypeProducersCard';
