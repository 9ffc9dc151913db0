import type { SchemaField } from '../schema/fields';

/** The fields read from a schema document, and what did not carry over exactly. */
export interface SchemaImportResult {
  fields: SchemaField[];
  /** Lossy conversions, each with the path of the field: `payload: ...`. */
  warnings: string[];
}

/** A schema document that cannot be turned into fields; `problems` say where and why. */
export class SchemaImportError extends Error {
  readonly problems: string[];

  constructor(format: string, problems: string[]) {
    super(`Cannot import the ${format}: ${problems.join('; ')}`);
    this.name = 'SchemaImportError';
    this.problems = problems;
  }
}

/** Parses JSON text (or passes a parsed value through), naming the format on failure. */
export function parseJsonDocument(format: string, input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (e) {
    throw new SchemaImportError(format, [
      `not valid JSON (${(e as Error).message})`,
    ]);
  }
}

/** A column mode from what an importer learned about a value. */
export function modeOf(value: {
  repeated?: boolean;
  nullable?: boolean;
}): 'REPEATED' | 'NULLABLE' | 'REQUIRED' {
  if (value.repeated) return 'REPEATED';
  return value.nullable ? 'NULLABLE' : 'REQUIRED';
}

export const joinFieldPath = (prefix: string, name: string) =>
  prefix ? `${prefix}.${name}` : name;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
