import {
  FieldType,
  fieldMode,
  PII_CLASSIFICATIONS,
  PiiClassification,
  SchemaField,
} from '../schema/fields';
import {
  isPlainObject,
  joinFieldPath,
  modeOf,
  parseJsonDocument,
  SchemaImportError,
  SchemaImportResult,
} from './importResult';
import { toFieldName } from './fieldRules';

type AvroType = string | AvroType[] | Record<string, any>;

/** What one Avro type becomes: a column type, its mode and nested fields. */
type Converted = {
  type: FieldType;
  repeated?: boolean;
  nullable?: boolean;
  fields?: SchemaField[];
};

const PRIMITIVES: Record<string, FieldType> = {
  string: 'STRING',
  bytes: 'BYTES',
  int: 'INT64',
  long: 'INT64',
  float: 'FLOAT64',
  double: 'FLOAT64',
  boolean: 'BOOL',
};

const LOGICAL: Record<string, FieldType> = {
  'timestamp-millis': 'TIMESTAMP',
  'timestamp-micros': 'TIMESTAMP',
  'timestamp-nanos': 'TIMESTAMP',
  'local-timestamp-millis': 'DATETIME',
  'local-timestamp-micros': 'DATETIME',
  date: 'DATE',
  'time-millis': 'TIME',
  'time-micros': 'TIME',
  uuid: 'STRING',
  duration: 'INTERVAL',
};

/** BigQuery's own Avro exports mark types Avro lacks with `sqlType`. */
const SQL_TYPES: Record<string, FieldType> = {
  JSON: 'JSON',
  GEOGRAPHY: 'GEOGRAPHY',
  DATETIME: 'DATETIME',
  INTERVAL: 'INTERVAL',
};

class AvroReader {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  private readonly named = new Map<string, Record<string, any>>();
  private readonly defining = new Set<string>();

  private fullName(schema: Record<string, any>, namespace?: string) {
    const name = String(schema.name ?? '');
    if (name.includes('.')) return name;
    const ns = schema.namespace ?? namespace;
    return ns ? `${ns}.${name}` : name;
  }

  private lookup(name: string, namespace?: string) {
    return (
      this.named.get(name) ??
      (namespace ? this.named.get(`${namespace}.${name}`) : undefined) ??
      [...this.named.entries()].find(([full]) => full.endsWith(`.${name}`))?.[1]
    );
  }

  convert(type: AvroType, path: string, namespace?: string): Converted {
    if (typeof type === 'string') {
      if (PRIMITIVES[type]) return { type: PRIMITIVES[type] };
      if (type === 'null') {
        this.errors.push(`${path}: a field of type null holds nothing`);
        return { type: 'STRING', nullable: true };
      }
      const named = this.lookup(type, namespace);
      if (!named) {
        this.errors.push(`${path}: unknown type "${type}"`);
        return { type: 'STRING' };
      }
      if (this.defining.has(this.fullName(named, namespace))) {
        this.errors.push(
          `${path}: the record ${type} contains itself; BigQuery cannot store recursive records`,
        );
        return { type: 'JSON' };
      }
      return this.convertComplex(named, path, namespace, true);
    }
    if (Array.isArray(type)) {
      const nonNull = type.filter(t => t !== 'null');
      const nullable = nonNull.length < type.length;
      if (nonNull.length === 1) {
        return { ...this.convert(nonNull[0], path, namespace), nullable };
      }
      this.warnings.push(
        `${path}: a union of ${nonNull.length} types is stored as JSON`,
      );
      return { type: 'JSON', nullable: true };
    }
    if (isPlainObject(type)) return this.convertComplex(type, path, namespace);
    this.errors.push(`${path}: not an Avro type`);
    return { type: 'STRING' };
  }

  private convertComplex(
    schema: Record<string, any>,
    path: string,
    namespace?: string,
    alreadyDefined = false,
  ): Converted {
    const sqlType = SQL_TYPES[String(schema.sqlType ?? '').toUpperCase()];
    if (sqlType) return { type: sqlType };
    const logical = schema.logicalType as string | undefined;
    if (logical === 'decimal') {
      const precision = Number(schema.precision ?? 0);
      const scale = Number(schema.scale ?? 0);
      return { type: precision > 38 || scale > 9 ? 'BIGNUMERIC' : 'NUMERIC' };
    }
    if (logical && LOGICAL[logical]) return { type: LOGICAL[logical] };

    switch (schema.type) {
      case 'record':
      case 'error': {
        const full = this.fullName(schema, namespace);
        if (!alreadyDefined) this.named.set(full, schema);
        this.defining.add(full);
        const ns = full.includes('.')
          ? full.slice(0, full.lastIndexOf('.'))
          : namespace;
        const fields = this.fields(schema.fields, path, ns);
        this.defining.delete(full);
        return { type: 'RECORD', fields };
      }
      case 'enum':
        if (!alreadyDefined)
          this.named.set(this.fullName(schema, namespace), schema);
        return { type: 'STRING' };
      case 'fixed':
        if (!alreadyDefined)
          this.named.set(this.fullName(schema, namespace), schema);
        return { type: 'BYTES' };
      case 'array': {
        const items = this.convert(schema.items, path, namespace);
        if (items.repeated) {
          this.errors.push(
            `${path}: an array of arrays; BigQuery has no such column`,
          );
        }
        if (items.nullable) {
          this.warnings.push(
            `${path}: BigQuery arrays cannot hold nulls; null items are dropped`,
          );
        }
        return { type: items.type, fields: items.fields, repeated: true };
      }
      case 'map': {
        const values = this.convert(schema.values, `${path}.value`, namespace);
        this.warnings.push(
          `${path}: a map is stored as REPEATED RECORD of key and value`,
        );
        return {
          type: 'RECORD',
          repeated: true,
          fields: [
            { name: 'key', type: 'STRING', mode: 'REQUIRED' },
            this.toField('value', values),
          ],
        };
      }
      default:
        // A primitive written as an object ({"type": "long"}), or a nested type.
        return this.convert(schema.type, path, namespace);
    }
  }

  private toField(
    name: string,
    converted: Converted,
    extra: { description?: string; pii?: PiiClassification } = {},
  ): SchemaField {
    const mode = modeOf(converted);
    return {
      name,
      type: converted.type,
      mode,
      ...(extra.description ? { description: extra.description } : {}),
      ...(extra.pii && extra.pii !== 'none' ? { pii: extra.pii } : {}),
      ...(converted.type === 'RECORD'
        ? { fields: converted.fields ?? [] }
        : {}),
    };
  }

  fields(fields: unknown, prefix: string, namespace?: string): SchemaField[] {
    if (!Array.isArray(fields)) {
      this.errors.push(`${prefix || 'the record'}: has no fields array`);
      return [];
    }
    return fields.map((field: Record<string, any>) => {
      const name = toFieldName(String(field.name ?? ''));
      const path = joinFieldPath(prefix, name);
      if (name !== field.name) {
        this.warnings.push(
          `${path}: renamed from "${field.name}" to fit BigQuery's naming rules`,
        );
      }
      const pii = PII_CLASSIFICATIONS.includes(field.pii)
        ? field.pii
        : undefined;
      return this.toField(name, this.convert(field.type, path, namespace), {
        description: field.doc,
        pii,
      });
    });
  }
}

/**
 * Reads an Avro schema (a record, as a JSON string or parsed) into fields.
 * Unions with null become NULLABLE, arrays REPEATED, maps REPEATED RECORDs of
 * key and value, logical types their BigQuery types; named types are resolved
 * wherever they are referenced. A `pii` attribute on a field is kept.
 */
export function importAvroSchema(input: unknown): SchemaImportResult {
  const schema = parseJsonDocument('Avro schema', input);
  const root = Array.isArray(schema)
    ? schema.find(s => isPlainObject(s) && s.type === 'record')
    : schema;
  if (
    !isPlainObject(root) ||
    (root.type !== 'record' && root.type !== 'error')
  ) {
    throw new SchemaImportError('Avro schema', [
      'the top level must be a record',
    ]);
  }
  const reader = new AvroReader();
  const converted = reader.convert(root, '');
  if (reader.errors.length > 0) {
    throw new SchemaImportError('Avro schema', reader.errors);
  }
  return { fields: converted.fields ?? [], warnings: reader.warnings };
}

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join('') || 'Event';

function avroType(
  field: SchemaField,
  recordName: string,
  names: Set<string>,
): AvroType {
  switch (field.type) {
    case 'STRING':
      return 'string';
    case 'BYTES':
      return 'bytes';
    case 'INT64':
      return 'long';
    case 'FLOAT64':
      return 'double';
    case 'BOOL':
      return 'boolean';
    case 'NUMERIC':
      return { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 9 };
    case 'BIGNUMERIC':
      return {
        type: 'bytes',
        logicalType: 'decimal',
        precision: 76,
        scale: 38,
      };
    case 'TIMESTAMP':
      return { type: 'long', logicalType: 'timestamp-micros' };
    case 'DATE':
      return { type: 'int', logicalType: 'date' };
    case 'TIME':
      return { type: 'long', logicalType: 'time-micros' };
    case 'DATETIME':
      return { type: 'long', logicalType: 'local-timestamp-micros' };
    case 'INTERVAL':
    case 'GEOGRAPHY':
    case 'JSON':
      return { type: 'string', sqlType: field.type };
    case 'RECORD': {
      let name = recordName;
      for (let i = 2; names.has(name); i++) name = `${recordName}${i}`;
      names.add(name);
      return {
        type: 'record',
        name,
        fields: (field.fields ?? []).map(f => avroField(f, name, names)),
      };
    }
    default:
      return 'string';
  }
}

function avroField(field: SchemaField, parent: string, names: Set<string>) {
  const type = avroType(field, `${parent}${pascal(field.name)}`, names);
  const typeAndDefault = {
    REPEATED: { type: { type: 'array', items: type }, default: [] },
    NULLABLE: { type: ['null', type], default: null },
    REQUIRED: { type },
  }[fieldMode(field)];
  return {
    name: field.name,
    ...(field.description ? { doc: field.description } : {}),
    ...typeAndDefault,
    ...(field.pii && field.pii !== 'none' ? { pii: field.pii } : {}),
  };
}

/**
 * Writes fields as an Avro record schema. NULLABLE fields become unions with
 * null (default null), REPEATED ones arrays (default []), NUMERIC/BIGNUMERIC
 * decimals, TIMESTAMP/DATE/TIME/DATETIME logical types, JSON/GEOGRAPHY/INTERVAL
 * strings with BigQuery's `sqlType`; PII classifications go into a `pii`
 * attribute. `importAvroSchema` reads it back unchanged.
 */
export function exportAvroSchema(
  fields: SchemaField[],
  options: { name?: string; namespace?: string; doc?: string } = {},
): Record<string, unknown> {
  const name = pascal(options.name ?? 'Event');
  const names = new Set([name]);
  return {
    type: 'record',
    name,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.doc ? { doc: options.doc } : {}),
    fields: fields.map(f => avroField(f, name, names)),
  };
}
