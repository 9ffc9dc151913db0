import {
  SchemaField,
  fieldMode,
  fieldPii,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** One row of the schema table: a field at a dotted path and its nesting depth. */
export interface FieldRow {
  /** The dotted path from the schema root, unique within a schema: the row id. */
  id: string;
  depth: number;
  field: SchemaField;
  /** True for a RECORD with nested fields. */
  hasChildren: boolean;
}

/** The dotted path of every RECORD field that has nested fields. */
export function recordPaths(fields: SchemaField[], prefix = ''): string[] {
  return fields.flatMap(field => {
    if (!field.fields?.length) return [];
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    return [path, ...recordPaths(field.fields, path)];
  });
}

/**
 * The rows to show: every top-level field, and the nested fields of each
 * RECORD whose path is in `expanded` (and whose parents are expanded too).
 */
export function visibleFieldRows(
  fields: SchemaField[],
  expanded: ReadonlySet<string>,
  prefix = '',
  depth = 0,
): FieldRow[] {
  return fields.flatMap(field => {
    const id = prefix ? `${prefix}.${field.name}` : field.name;
    const hasChildren = !!field.fields?.length;
    const row: FieldRow = { id, depth, field, hasChildren };
    if (hasChildren && expanded.has(id)) {
      return [row, ...visibleFieldRows(field.fields!, expanded, id, depth + 1)];
    }
    return [row];
  });
}

/** How many fields (at any depth) a schema has, and how many of them carry personal data. */
export function schemaSummary(fields: SchemaField[]): {
  fields: number;
  pii: number;
  repeated: number;
} {
  let total = 0;
  let pii = 0;
  let repeated = 0;
  const visit = (list: SchemaField[]) => {
    for (const field of list) {
      total += 1;
      if (fieldPii(field) !== 'none') pii += 1;
      if (fieldMode(field) === 'REPEATED') repeated += 1;
      if (field.fields) visit(field.fields);
    }
  };
  visit(fields);
  return { fields: total, pii, repeated };
}
