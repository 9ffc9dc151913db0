import { FieldType, fieldMode, SchemaField } from '../schema/fields';
import { toFieldName } from './fieldRules';
import {
  isPlainObject,
  joinFieldPath,
  SchemaImportError,
  SchemaImportResult,
} from './importResult';

const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** Marks a field whose samples were all null until another sample tells its type. */
const UNKNOWN = 'Only null in the samples: check the type.';

type Inferred = {
  type: FieldType;
  repeated: boolean;
  fields?: SchemaField[];
  unknown?: boolean;
};

/** The type two samples of one field both fit: INT64 and FLOAT64 make FLOAT64, dates and strings STRING. */
function mergeTypes(
  a: Inferred,
  b: Inferred,
  path: string,
  warnings: string[],
): Inferred {
  if (a.unknown) return b;
  if (b.unknown) return a;
  if (a.repeated !== b.repeated) {
    warnings.push(`${path}: sometimes an array, sometimes not; stored as JSON`);
    return { type: 'JSON', repeated: false };
  }
  if (a.type === b.type) {
    if (a.type !== 'RECORD') return a;
    return {
      ...a,
      fields: mergeFieldLists(a.fields ?? [], b.fields ?? [], path, warnings),
    };
  }
  const pair = new Set([a.type, b.type]);
  if (pair.has('INT64') && pair.has('FLOAT64'))
    return { ...a, type: 'FLOAT64' };
  const temporal = ['TIMESTAMP', 'DATETIME', 'DATE', 'TIME', 'STRING'];
  if (temporal.includes(a.type) && temporal.includes(b.type))
    return { ...a, type: 'STRING' };
  warnings.push(
    `${path}: holds both ${a.type} and ${b.type} values; stored as JSON`,
  );
  return { type: 'JSON', repeated: a.repeated };
}

function mergeFieldLists(
  a: SchemaField[],
  b: SchemaField[],
  prefix: string,
  warnings: string[],
) {
  const merged = [...a];
  for (const field of b) {
    const index = merged.findIndex(
      f => f.name.toLowerCase() === field.name.toLowerCase(),
    );
    if (index < 0) {
      merged.push(field);
      continue;
    }
    const existing = merged[index];
    const type = mergeTypes(
      asInferred(existing),
      asInferred(field),
      joinFieldPath(prefix, field.name),
      warnings,
    );
    merged[index] = toField(existing.name, type);
  }
  return merged;
}

function asInferred(f: SchemaField): Inferred {
  return {
    type: f.type,
    repeated: fieldMode(f) === 'REPEATED',
    fields: f.fields,
    unknown: f.description === UNKNOWN,
  };
}

function toField(name: string, inferred: Inferred): SchemaField {
  return {
    name,
    type: inferred.type,
    mode: inferred.repeated ? 'REPEATED' : 'NULLABLE',
    ...(inferred.unknown ? { description: UNKNOWN } : {}),
    ...(inferred.type === 'RECORD' ? { fields: inferred.fields ?? [] } : {}),
  };
}

function inferValue(
  value: unknown,
  path: string,
  warnings: string[],
): Inferred {
  if (value === null || value === undefined)
    return { type: 'STRING', repeated: false, unknown: true };
  if (typeof value === 'boolean') return { type: 'BOOL', repeated: false };
  if (typeof value === 'number') {
    return {
      type: Number.isInteger(value) ? 'INT64' : 'FLOAT64',
      repeated: false,
    };
  }
  if (typeof value === 'string') {
    if (TIMESTAMP.test(value)) return { type: 'TIMESTAMP', repeated: false };
    if (DATETIME.test(value)) return { type: 'DATETIME', repeated: false };
    if (DATE.test(value)) return { type: 'DATE', repeated: false };
    if (TIME.test(value)) return { type: 'TIME', repeated: false };
    return { type: 'STRING', repeated: false };
  }
  if (Array.isArray(value)) {
    let item: Inferred = { type: 'STRING', repeated: false, unknown: true };
    for (const element of value) {
      const next = inferValue(element, path, warnings);
      if (next.repeated) {
        warnings.push(`${path}: an array of arrays; stored as JSON`);
        return { type: 'JSON', repeated: false };
      }
      item = mergeTypes(item, next, path, warnings);
    }
    return { ...item, repeated: true };
  }
  if (isPlainObject(value)) {
    const fields = inferObject(value, path, warnings);
    if (fields.length === 0) {
      warnings.push(`${path}: an empty object; stored as JSON`);
      return { type: 'JSON', repeated: false };
    }
    return { type: 'RECORD', repeated: false, fields };
  }
  return { type: 'STRING', repeated: false };
}

function inferObject(
  object: Record<string, unknown>,
  prefix: string,
  warnings: string[],
) {
  return Object.entries(object).map(([key, value]) => {
    const name = toFieldName(key);
    const path = joinFieldPath(prefix, name);
    if (name !== key)
      warnings.push(
        `${path}: renamed from "${key}" to fit BigQuery's naming rules`,
      );
    return toField(name, inferValue(value, path, warnings));
  });
}

function parseSamples(input: unknown): unknown[] {
  if (typeof input !== 'string') return Array.isArray(input) ? input : [input];
  const text = input.trim();
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    // Newline-delimited JSON, as events are usually stored.
    try {
      return text
        .split(/\r?\n/)
        .filter(l => l.trim())
        .map(l => JSON.parse(l));
    } catch (e) {
      throw new SchemaImportError('sample event', [
        `neither JSON nor newline-delimited JSON (${(e as Error).message})`,
      ]);
    }
  }
}

/**
 * Infers fields from one sample event, or several (a JSON array or
 * newline-delimited JSON), merging what they show. Every field is NULLABLE
 * (one sample cannot prove a field is always there; make it REQUIRED by hand)
 * and arrays REPEATED; RFC 3339 strings become TIMESTAMP, dates DATE, times TIME.
 */
export function inferSchemaFromSample(input: unknown): SchemaImportResult {
  const samples = parseSamples(input);
  if (samples.length === 0 || !samples.every(isPlainObject)) {
    throw new SchemaImportError('sample event', [
      'a sample event must be a JSON object',
    ]);
  }
  const warnings: string[] = [];
  let fields: SchemaField[] = [];
  for (const sample of samples) {
    fields = mergeFieldLists(
      fields,
      inferObject(sample, '', warnings),
      '',
      warnings,
    );
  }
  const unknown = (list: SchemaField[], prefix: string): string[] =>
    list.flatMap(f => [
      ...(f.description === UNKNOWN
        ? [
            `${joinFieldPath(
              prefix,
              f.name,
            )}: only null in the samples, typed STRING`,
          ]
        : []),
      ...(f.fields ? unknown(f.fields, joinFieldPath(prefix, f.name)) : []),
    ]);
  return {
    fields,
    warnings: [...new Set([...warnings, ...unknown(fields, '')])],
  };
}

const EXAMPLE_VALUES: Record<FieldType, unknown> = {
  STRING: 'text',
  BYTES: 'AAEC',
  INT64: 42,
  FLOAT64: 0.5,
  NUMERIC: 12.34,
  BIGNUMERIC: 12.34,
  BOOL: true,
  TIMESTAMP: '2025-01-31T12:00:00Z',
  DATE: '2025-01-31',
  TIME: '12:00:00',
  DATETIME: '2025-01-31T12:00:00',
  INTERVAL: '0-0 1 0:0:0',
  GEOGRAPHY: 'POINT(18.07 59.33)',
  JSON: { any: 'value' },
  RECORD: {},
};

/** An example event with every field set, the shape `inferSchemaFromSample` reads back. */
export function exampleEvent(fields: SchemaField[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.map(field => {
      const value =
        field.type === 'RECORD'
          ? exampleEvent(field.fields ?? [])
          : EXAMPLE_VALUES[field.type];
      return [field.name, fieldMode(field) === 'REPEATED' ? [value] : value];
    }),
  );
}
