import {
  FIELD_MODES,
  FIELD_TYPES,
  FieldType,
  fieldMode,
  PiiClassification,
  SchemaField,
} from '../schema/fields';
import {
  isPlainObject,
  joinFieldPath,
  parseJsonDocument,
  SchemaImportError,
  SchemaImportResult,
} from './importResult';

/** The legacy SQL names BigQuery still returns (`bq show --schema`, tables.get). */
const LEGACY_TYPES: Record<string, FieldType> = {
  INTEGER: 'INT64',
  FLOAT: 'FLOAT64',
  BOOLEAN: 'BOOL',
  STRUCT: 'RECORD',
  DECIMAL: 'NUMERIC',
  BIGDECIMAL: 'BIGNUMERIC',
};

/** One column of a BigQuery table schema (TableFieldSchema). */
export type BigQueryTableField = {
  name: string;
  type: string;
  mode?: string;
  description?: string;
  fields?: BigQueryTableField[];
  policyTags?: { names: string[] };
};

/** Policy tags (taxonomy resource names) that stand for PII classifications. */
export type PiiPolicyTags = Partial<Record<PiiClassification, string>>;

function readFields(
  fields: unknown,
  prefix: string,
  policyTags: PiiPolicyTags,
  result: { warnings: string[]; errors: string[] },
): SchemaField[] {
  if (!Array.isArray(fields)) {
    result.errors.push(`${prefix || 'the schema'}: fields must be an array`);
    return [];
  }
  return fields.map((column: unknown, index) => {
    if (!isPlainObject(column) || typeof column.name !== 'string') {
      result.errors.push(
        `${joinFieldPath(prefix, `[${index}]`)}: a column needs a name`,
      );
      return { name: `column_${index}`, type: 'STRING' };
    }
    const path = joinFieldPath(prefix, column.name);
    const rawType = String(column.type ?? '').toUpperCase();
    let type = (LEGACY_TYPES[rawType] ?? rawType) as FieldType;
    if (!(FIELD_TYPES as readonly string[]).includes(type)) {
      result.errors.push(`${path}: the type ${column.type} is not supported`);
      type = 'STRING';
    }
    const mode = String(column.mode ?? 'NULLABLE').toUpperCase();
    if (!(FIELD_MODES as readonly string[]).includes(mode)) {
      result.errors.push(
        `${path}: the mode ${column.mode} is not a BigQuery mode`,
      );
    }
    const tags: string[] =
      isPlainObject(column.policyTags) && Array.isArray(column.policyTags.names)
        ? column.policyTags.names
        : [];
    const pii = (Object.keys(policyTags) as PiiClassification[]).find(c =>
      tags.includes(policyTags[c]!),
    );
    if (tags.length > 0 && !pii) {
      result.warnings.push(
        `${path}: has the policy tag ${tags[0]}; set its PII classification`,
      );
    }
    return {
      name: column.name,
      type,
      mode: mode as SchemaField['mode'],
      ...(typeof column.description === 'string' && column.description
        ? { description: column.description }
        : {}),
      ...(pii && pii !== 'none' ? { pii } : {}),
      ...(type === 'RECORD'
        ? { fields: readFields(column.fields, path, policyTags, result) }
        : {}),
    };
  });
}

/**
 * Reads a BigQuery table schema: the JSON of `bq show --schema` (an array of
 * columns), `{ "fields": [...] }`, or a whole tables.get answer
 * (`{ "schema": { "fields": [...] } }`). Legacy type names (INTEGER, FLOAT,
 * BOOLEAN, STRUCT) become their GoogleSQL names; policy tags named in
 * `policyTags` become PII classifications.
 */
export function importBigQuerySchema(
  input: unknown,
  options: { policyTags?: PiiPolicyTags } = {},
): SchemaImportResult {
  const document = parseJsonDocument('BigQuery schema', input);
  let fields: unknown = undefined;
  if (Array.isArray(document)) fields = document;
  else if (isPlainObject(document) && Array.isArray(document.fields)) {
    fields = document.fields;
  } else if (isPlainObject(document) && isPlainObject(document.schema)) {
    fields = document.schema.fields;
  }
  if (!fields) {
    throw new SchemaImportError('BigQuery schema', [
      'expected an array of columns, { "fields": [...] } or { "schema": { "fields": [...] } }',
    ]);
  }
  const result = { warnings: [] as string[], errors: [] as string[] };
  const read = readFields(fields, '', options.policyTags ?? {}, result);
  if (result.errors.length > 0) {
    throw new SchemaImportError('BigQuery schema', result.errors);
  }
  return { fields: read, warnings: result.warnings };
}

/**
 * Writes fields as a BigQuery table schema (the JSON `bq mk --schema` and
 * tables.insert take). PII classifications become the policy tags given for
 * them in `policyTags`, when given.
 */
export function exportBigQuerySchema(
  fields: SchemaField[],
  options: { policyTags?: PiiPolicyTags } = {},
): BigQueryTableField[] {
  return fields.map(field => {
    const tag = field.pii ? options.policyTags?.[field.pii] : undefined;
    return {
      name: field.name,
      type: field.type,
      mode: fieldMode(field),
      ...(field.description ? { description: field.description } : {}),
      ...(tag ? { policyTags: { names: [tag] } } : {}),
      ...(field.type === 'RECORD'
        ? { fields: exportBigQuerySchema(field.fields ?? [], options) }
        : {}),
    };
  });
}
