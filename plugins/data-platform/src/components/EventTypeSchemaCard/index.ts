export {
  EventTypeSchemaCard,
  SchemaRevisionBadges,
} from './EventTypeSchemaCard';
export { SchemaSummary } from './SchemaSummary';
