/**
 * The schema-field model shared by event types and data endpoints. It follows
 * BigQuery's column model (type, mode, nested RECORD fields) because that is
 * where most event data lands, and adds a PII classification per field.
 */

/** BigQuery (GoogleSQL) column types a schema field can have. */
export const FIELD_TYPES = [
  'STRING',
  'BYTES',
  'INT64',
  'FLOAT64',
  'NUMERIC',
  'BIGNUMERIC',
  'BOOL',
  'TIMESTAMP',
  'DATE',
  'TIME',
  'DATETIME',
  'INTERVAL',
  'GEOGRAPHY',
  'JSON',
  'RECORD',
] as const;

/** A BigQuery column type. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** How many values a field holds. */
export const FIELD_MODES = ['NULLABLE', 'REQUIRED', 'REPEATED'] as const;

/** A BigQuery column mode. */
export type FieldMode = (typeof FIELD_MODES)[number];

/**
 * What must happen to a field's values because they identify a person:
 * `none` (not personal data), `pseudonymize` (replace by a stable token),
 * `encrypt` (keep, encrypted with a per-user key), `drop` (never store).
 */
export const PII_CLASSIFICATIONS = [
  'none',
  'pseudonymize',
  'encrypt',
  'drop',
] as const;

/** A PII classification. */
export type PiiClassification = (typeof PII_CLASSIFICATIONS)[number];

/** One field (column) of an event or dataset schema. */
export type SchemaField = {
  name: string;
  type: FieldType;
  /** Defaults to NULLABLE. */
  mode?: FieldMode;
  description?: string;
  /** Defaults to `none`. */
  pii?: PiiClassification;
  /** The nested fields of a RECORD. */
  fields?: SchemaField[];
};

/** The deepest nesting of RECORD fields BigQuery accepts. */
export const MAX_FIELD_NESTING_DEPTH = 15;

/** A field's mode with its default applied. */
export function fieldMode(field: SchemaField): FieldMode {
  return field.mode ?? 'NULLABLE';
}

/** A field's PII classification with its default applied. */
export function fieldPii(field: SchemaField): PiiClassification {
  return field.pii ?? 'none';
}

/** A field together with its dotted path from the schema root. */
export interface FieldAtPath {
  path: string;
  depth: number;
  field: SchemaField;
}

/** Every field of a schema, depth first, each with its dotted path. */
export function flattenFields(
  fields: SchemaField[],
  prefix = '',
  depth = 1,
): FieldAtPath[] {
  const result: FieldAtPath[] = [];
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    result.push({ path, depth, field });
    if (field.fields) {
      result.push(...flattenFields(field.fields, path, depth + 1));
    }
  }
  return result;
}
