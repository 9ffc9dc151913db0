export { EventTypeDeliveryCard } from './EventTypeDeliveryCard';
