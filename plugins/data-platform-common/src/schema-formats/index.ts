import type { SchemaField } from '../schema/fields';
import { exportAvroSchema, importAvroSchema } from './avro';
import {
  exportBigQuerySchema,
  importBigQuerySchema,
  PiiPolicyTags,
} from './bigQuery';
import { exportJsonSchema, importJsonSchema } from './jsonSchemaFormat';
import type { SchemaImportResult } from './importResult';
import { exampleEvent, inferSchemaFromSample } from './sampleEvent';

export * from './avro';
export * from './bigQuery';
export * from './jsonSchemaFormat';
export * from './sampleEvent';
export * from './fieldRules';
export { SchemaImportError } from './importResult';
export type { SchemaImportResult } from './importResult';

/** The documents a schema can be imported from and exported to. */
export const SCHEMA_FORMATS = [
  { id: 'avro', title: 'Avro schema' },
  { id: 'json-schema', title: 'JSON Schema' },
  { id: 'bigquery', title: 'BigQuery schema JSON' },
  { id: 'sample', title: 'Sample JSON event' },
] as const;

/** One of {@link SCHEMA_FORMATS}. */
export type SchemaFormat = (typeof SCHEMA_FORMATS)[number]['id'];

/** Names and options the exported documents carry. */
export type SchemaExportOptions = {
  /** The event type's name, e.g. `track-played`: the Avro record name and JSON Schema title. */
  name?: string;
  namespace?: string;
  description?: string;
  policyTags?: PiiPolicyTags;
};

/** Reads fields from a document (JSON text) of the given format. Throws SchemaImportError. */
export function importSchema(
  format: SchemaFormat,
  text: string,
  options: { policyTags?: PiiPolicyTags } = {},
): SchemaImportResult {
  switch (format) {
    case 'avro':
      return importAvroSchema(text);
    case 'json-schema':
      return importJsonSchema(text);
    case 'bigquery':
      return importBigQuerySchema(text, options);
    case 'sample':
      return inferSchemaFromSample(text);
    default:
      throw new Error(`Unknown schema format ${format}`);
  }
}

/** Writes fields as a document (pretty-printed JSON) of the given format. */
export function exportSchema(
  format: SchemaFormat,
  fields: SchemaField[],
  options: SchemaExportOptions = {},
): string {
  const document = (() => {
    switch (format) {
      case 'avro':
        return exportAvroSchema(fields, {
          name: options.name,
          namespace: options.namespace,
          doc: options.description,
        });
      case 'json-schema':
        return exportJsonSchema(fields, {
          title: options.name,
          description: options.description,
        });
      case 'bigquery':
        return exportBigQuerySchema(fields, options);
      case 'sample':
        return exampleEvent(fields);
      default:
        throw new Error(`Unknown schema format ${format}`);
    }
  })();
  return `${JSON.stringify(document, null, 2)}\n`;
}
