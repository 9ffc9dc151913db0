export { schemaHistoryContent } from './extension';
export { EventTypeSchemaHistoryContent } from './EventTypeSchemaHistoryContent';
export { SchemaChangesTable } from './SchemaChangesTable';
export { SchemaDiffView } from './SchemaDiffView';
