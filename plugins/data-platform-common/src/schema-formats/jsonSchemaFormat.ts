import {
  FIELD_TYPES,
  FieldType,
  fieldMode,
  PII_CLASSIFICATIONS,
  SchemaField,
} from '../schema/fields';
import { toFieldName } from './fieldRules';
import {
  isPlainObject,
  joinFieldPath,
  modeOf,
  parseJsonDocument,
  SchemaImportError,
  SchemaImportResult,
} from './importResult';

type JsonSchema = Record<string, any>;
type Converted = {
  type: FieldType;
  nullable: boolean;
  repeated?: boolean;
  fields?: SchemaField[];
  description?: string;
};

/** Keyword carrying the BigQuery type where JSON Schema has none (NUMERIC, DATETIME, ...). */
export const JSON_SCHEMA_BIGQUERY_TYPE_KEYWORD = 'x-bigquery-type';
/** Keyword carrying a field's PII classification. */
export const JSON_SCHEMA_PII_KEYWORD = 'x-pii';

const STRING_FORMATS: Record<string, FieldType> = {
  'date-time': 'TIMESTAMP',
  date: 'DATE',
  time: 'TIME',
  byte: 'BYTES',
  binary: 'BYTES',
};

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

class JsonSchemaReader {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  private readonly resolving = new Set<string>();

  constructor(private readonly root: JsonSchema) {}

  private resolve(schema: JsonSchema, path: string): JsonSchema | undefined {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    if (!ref.startsWith('#')) {
      this.errors.push(
        `${path}: the reference ${ref} points outside the document`,
      );
      return undefined;
    }
    if (this.resolving.has(ref)) {
      this.errors.push(
        `${path}: ${ref} contains itself; BigQuery cannot store recursive records`,
      );
      return undefined;
    }
    const target = ref
      .slice(1)
      .split('/')
      .filter(Boolean)
      .map(p => decodeURIComponent(p.replace(/~1/g, '/').replace(/~0/g, '~')))
      .reduce<any>(
        (node, key) => (isPlainObject(node) ? node[key] : undefined),
        this.root,
      );
    if (!isPlainObject(target)) {
      this.errors.push(`${path}: the reference ${ref} does not resolve`);
      return undefined;
    }
    // Keywords next to $ref (description, x-pii) win over the target's.
    const { $ref, ...siblings } = schema;
    return { ...target, ...siblings, __ref: ref };
  }

  convert(input: unknown, path: string): Converted {
    if (
      input === true ||
      (isPlainObject(input) && Object.keys(input).length === 0)
    ) {
      this.warnings.push(`${path}: any value is allowed, stored as JSON`);
      return { type: 'JSON', nullable: true };
    }
    if (!isPlainObject(input)) {
      this.errors.push(`${path}: not a JSON Schema`);
      return { type: 'STRING', nullable: true };
    }
    const schema = this.resolve(input, path);
    if (!schema) return { type: 'JSON', nullable: true };
    const ref = schema.__ref as string | undefined;
    if (ref) this.resolving.add(ref);
    try {
      return this.convertResolved(schema, path);
    } finally {
      if (ref) this.resolving.delete(ref);
    }
  }

  private convertResolved(schema: JsonSchema, path: string): Converted {
    const description = schema.description as string | undefined;
    const alternatives = (schema.oneOf ?? schema.anyOf) as
      | unknown[]
      | undefined;
    if (Array.isArray(alternatives)) {
      const isNull = (s: unknown) => isPlainObject(s) && s.type === 'null';
      const rest = alternatives.filter(s => !isNull(s));
      if (rest.length === 1) {
        const inner = this.convert(rest[0], path);
        return {
          ...inner,
          nullable: inner.nullable || rest.length < alternatives.length,
          description: description ?? inner.description,
        };
      }
      const types = rest.map(s =>
        isPlainObject(s) ? this.resolve(s, path)?.type : undefined,
      );
      if (types.every(t => t === 'string')) {
        return {
          type: 'STRING',
          nullable: rest.length < alternatives.length,
          description,
        };
      }
      this.warnings.push(
        `${path}: one of ${rest.length} schemas, stored as JSON`,
      );
      return { type: 'JSON', nullable: true, description };
    }
    if (Array.isArray(schema.allOf)) {
      // Merge the parts into one object schema (the common use of allOf).
      const { allOf, ...own } = schema;
      const parts = [...(allOf as unknown[]), own]
        .map(s => (isPlainObject(s) ? this.resolve(s, path) : undefined))
        .filter((s): s is JsonSchema => !!s);
      const merged: JsonSchema = {
        type: 'object',
        properties: {},
        required: [],
      };
      for (const part of parts) {
        const { properties, required, ...rest } = part;
        Object.assign(merged, rest);
        merged.properties = { ...merged.properties, ...properties };
        merged.required = [...merged.required, ...(required ?? [])];
      }
      return this.convertResolved(merged, path);
    }

    let types: string[] = [schema.type].flat().filter(Boolean);
    if (types.length === 0) {
      if (schema.properties) types = ['object'];
      else if (schema.items) types = ['array'];
      else if (Array.isArray(schema.enum) || schema.const !== undefined) {
        const values: unknown[] = schema.enum ?? [schema.const];
        types = [...new Set(values.map(jsonTypeOf))];
      }
    }
    const nullable = types.includes('null') || schema.nullable === true;
    const nonNull = types.filter(t => t !== 'null');
    const bigQueryType = String(
      schema[JSON_SCHEMA_BIGQUERY_TYPE_KEYWORD] ?? '',
    ).toUpperCase();
    if (
      (FIELD_TYPES as readonly string[]).includes(bigQueryType) &&
      bigQueryType !== 'RECORD'
    ) {
      return { type: bigQueryType as FieldType, nullable, description };
    }
    if (nonNull.length !== 1) {
      if (nonNull.length > 1)
        this.warnings.push(
          `${path}: one of ${nonNull.join(', ')}, stored as JSON`,
        );
      else this.warnings.push(`${path}: no type given, stored as JSON`);
      return { type: 'JSON', nullable: true, description };
    }
    switch (nonNull[0]) {
      case 'string': {
        if (schema.contentEncoding === 'base64')
          return { type: 'BYTES', nullable, description };
        return {
          type: STRING_FORMATS[schema.format] ?? 'STRING',
          nullable,
          description,
        };
      }
      case 'integer':
        return { type: 'INT64', nullable, description };
      case 'number':
        return { type: 'FLOAT64', nullable, description };
      case 'boolean':
        return { type: 'BOOL', nullable, description };
      case 'array': {
        const items =
          Array.isArray(schema.items) || schema.items === undefined
            ? undefined
            : this.convert(schema.items, path);
        if (!items) {
          this.warnings.push(
            `${path}: an array without one item schema, stored as JSON`,
          );
          return { type: 'JSON', nullable: true, description };
        }
        if (items.repeated) {
          this.warnings.push(`${path}: an array of arrays, stored as JSON`);
          return { type: 'JSON', nullable: true, description };
        }
        return {
          ...items,
          repeated: true,
          nullable: false,
          description: description ?? items.description,
        };
      }
      case 'object': {
        const properties = schema.properties;
        if (
          !isPlainObject(properties) ||
          Object.keys(properties).length === 0
        ) {
          this.warnings.push(
            `${path}: an object without declared properties, stored as JSON`,
          );
          return { type: 'JSON', nullable, description };
        }
        return {
          type: 'RECORD',
          nullable,
          description,
          fields: this.properties(schema, path),
        };
      }
      default:
        this.errors.push(`${path}: unknown type "${nonNull[0]}"`);
        return { type: 'STRING', nullable, description };
    }
  }

  properties(schema: JsonSchema, prefix: string): SchemaField[] {
    const required = new Set<string>(
      Array.isArray(schema.required) ? schema.required : [],
    );
    return Object.entries(schema.properties as Record<string, unknown>).map(
      ([property, sub]) => {
        const name = toFieldName(property);
        const path = joinFieldPath(prefix, name);
        if (name !== property) {
          this.warnings.push(
            `${path}: renamed from "${property}" to fit BigQuery's naming rules`,
          );
        }
        const converted = this.convert(sub, path);
        const pii = isPlainObject(sub)
          ? sub[JSON_SCHEMA_PII_KEYWORD]
          : undefined;
        const known = PII_CLASSIFICATIONS.find(c => c === pii && c !== 'none');
        const mode = modeOf({
          repeated: converted.repeated,
          nullable: converted.nullable || !required.has(property),
        });
        return {
          name,
          type: converted.type,
          mode,
          ...(converted.description
            ? { description: converted.description }
            : {}),
          ...(known ? { pii: known } : {}),
          ...(converted.type === 'RECORD'
            ? { fields: converted.fields ?? [] }
            : {}),
        } as SchemaField;
      },
    );
  }
}

/**
 * Reads a JSON Schema of an event (an object schema, any draft from 04 to
 * 2020-12) into fields: `required` properties become REQUIRED, others (and
 * those allowing null) NULLABLE, arrays REPEATED, objects with properties
 * RECORDs, objects without them and mixed types JSON. String formats
 * date-time/date/time and base64 content map to TIMESTAMP/DATE/TIME/BYTES.
 * Local `$ref`s (definitions, $defs) are followed; `x-bigquery-type` and
 * `x-pii` are read back from `exportJsonSchema`.
 */
export function importJsonSchema(input: unknown): SchemaImportResult {
  const root = parseJsonDocument('JSON Schema', input);
  if (!isPlainObject(root)) {
    throw new SchemaImportError('JSON Schema', [
      'the document must be an object schema',
    ]);
  }
  const reader = new JsonSchemaReader(root);
  const converted = reader.convert(root, '');
  if (reader.errors.length === 0 && converted.type !== 'RECORD') {
    reader.errors.push('the top level must be an object with properties');
  }
  if (reader.errors.length > 0) {
    throw new SchemaImportError('JSON Schema', reader.errors);
  }
  return { fields: converted.fields ?? [], warnings: reader.warnings };
}

function jsonSchemaType(field: SchemaField): JsonSchema {
  const bq = { [JSON_SCHEMA_BIGQUERY_TYPE_KEYWORD]: field.type };
  switch (field.type) {
    case 'STRING':
      return { type: 'string' };
    case 'BYTES':
      return { type: 'string', contentEncoding: 'base64' };
    case 'INT64':
      return { type: 'integer' };
    case 'FLOAT64':
      return { type: 'number' };
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return { type: 'number', ...bq };
    case 'BOOL':
      return { type: 'boolean' };
    case 'TIMESTAMP':
      return { type: 'string', format: 'date-time' };
    case 'DATE':
      return { type: 'string', format: 'date' };
    case 'TIME':
      return { type: 'string', format: 'time' };
    case 'DATETIME':
      return {
        type: 'string',
        pattern: '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?$',
        ...bq,
      };
    case 'INTERVAL':
    case 'GEOGRAPHY':
      return { type: 'string', ...bq };
    case 'JSON':
      return { ...bq };
    case 'RECORD':
      return objectSchema(field.fields ?? []);
    default:
      return {};
  }
}

function objectSchema(fields: SchemaField[]): JsonSchema {
  const required = fields
    .filter(f => fieldMode(f) === 'REQUIRED')
    .map(f => f.name);
  return {
    type: 'object',
    properties: Object.fromEntries(
      fields.map(f => [f.name, propertySchema(f)]),
    ),
    ...(required.length > 0 ? { required } : {}),
  };
}

function propertySchema(field: SchemaField): JsonSchema {
  const base = jsonSchemaType(field);
  const mode = fieldMode(field);
  let schema: JsonSchema = base;
  if (mode === 'REPEATED') {
    schema = { type: 'array', items: base };
  } else if (mode === 'NULLABLE' && typeof base.type === 'string') {
    schema = { ...base, type: [base.type, 'null'] };
  }
  return {
    ...(field.description ? { description: field.description } : {}),
    ...schema,
    ...(field.pii && field.pii !== 'none'
      ? { [JSON_SCHEMA_PII_KEYWORD]: field.pii }
      : {}),
  };
}

/**
 * Writes fields as a JSON Schema (draft 2020-12) of one event: REQUIRED
 * fields in `required`, NULLABLE ones allowing null, REPEATED ones arrays.
 * Types JSON Schema lacks keep their BigQuery type in `x-bigquery-type`, PII
 * classifications go into `x-pii`.
 */
export function exportJsonSchema(
  fields: SchemaField[],
  options: { id?: string; title?: string; description?: string } = {},
): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(options.id ? { $id: options.id } : {}),
    ...(options.title ? { title: options.title } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...objectSchema(fields),
  };
}
