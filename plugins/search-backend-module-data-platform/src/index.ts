/**
 * A search collator of the data platform: every schema field of event types
 * and data endpoints as a search document of type `data-platform-field`.
 *
 * @packageDocumentation
 */

export { searchModuleDataPlatformFields as default } from './module';
export { SchemaFieldCollatorFactory } from './SchemaFieldCollatorFactory';
export type { IndexableSchemaFieldDocument } from './SchemaFieldCollatorFactory';
