import type {
  SchemaField,
  ValidationProblem,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** Where a field sits in the tree: its index at each level, e.g. [2, 0]. */
export type FieldPosition = number[];

/** A stable key of a position, `2.0`; also what problems are indexed by. */
export const positionKey = (position: FieldPosition) => position.join('.');

function mapAt(
  fields: SchemaField[],
  parent: FieldPosition,
  change: (siblings: SchemaField[]) => SchemaField[],
): SchemaField[] {
  if (parent.length === 0) return change(fields);
  const [head, ...rest] = parent;
  return fields.map((field, i) =>
    i === head
      ? { ...field, fields: mapAt(field.fields ?? [], rest, change) }
      : field,
  );
}

const parentOf = (position: FieldPosition) => position.slice(0, -1);
const indexOf = (position: FieldPosition) => position[position.length - 1];

/** The field at a position, or undefined. */
export function fieldAt(
  fields: SchemaField[],
  position: FieldPosition,
): SchemaField | undefined {
  let level: SchemaField[] | undefined = fields;
  let field: SchemaField | undefined;
  for (const index of position) {
    field = level?.[index];
    level = field?.fields;
  }
  return field;
}

/**
 * Changes one field. Turning a field into a RECORD gives it a first nested
 * field to fill in; turning a RECORD into anything else drops its fields.
 */
export function updateField(
  fields: SchemaField[],
  position: FieldPosition,
  patch: Partial<SchemaField>,
): SchemaField[] {
  return mapAt(fields, parentOf(position), siblings =>
    siblings.map((field, i) => {
      if (i !== indexOf(position)) return field;
      const next = { ...field, ...patch };
      if (next.type === 'RECORD' && !next.fields?.length) {
        next.fields = [{ name: '', type: 'STRING', mode: 'NULLABLE' }];
      }
      if (next.type !== 'RECORD') delete next.fields;
      return next;
    }),
  );
}

export function removeField(
  fields: SchemaField[],
  position: FieldPosition,
): SchemaField[] {
  return mapAt(fields, parentOf(position), siblings =>
    siblings.filter((_, i) => i !== indexOf(position)),
  );
}

/** Moves a field up (-1) or down (+1) among its siblings; at either end nothing moves. */
export function moveField(
  fields: SchemaField[],
  position: FieldPosition,
  by: -1 | 1,
): SchemaField[] {
  return mapAt(fields, parentOf(position), siblings => {
    const from = indexOf(position);
    const to = from + by;
    if (to < 0 || to >= siblings.length) return siblings;
    const next = [...siblings];
    [next[from], next[to]] = [next[to], next[from]];
    return next;
  });
}

/** Adds an empty NULLABLE STRING field at the end of a record (or of the top level). */
export function addField(
  fields: SchemaField[],
  parent: FieldPosition,
): SchemaField[] {
  return mapAt(fields, parent, siblings => [
    ...siblings,
    { name: '', type: 'STRING', mode: 'NULLABLE' },
  ]);
}

/**
 * Problems indexed by field position and property: `[2].fields[0].name`
 * becomes `{ '2.0': { name: [...] } }`. A problem of the whole schema sits
 * under the key ''.
 */
export function problemsByPosition(
  problems: ValidationProblem[],
): Map<string, Record<string, string[]>> {
  const result = new Map<string, Record<string, string[]>>();
  for (const problem of problems) {
    const indexes = [...problem.path.matchAll(/\[(\d+)\]/g)].map(m => m[1]);
    const property =
      /\.(name|fields|type|mode)$/.exec(problem.path)?.[1] ?? 'field';
    const key = indexes.join('.');
    const entry = result.get(key) ?? {};
    entry[property] = [...(entry[property] ?? []), problem.message];
    result.set(key, entry);
  }
  return result;
}

/**
 * A problem's index path (`[6].fields[2].name`) as people read it: the
 * field's path by name, `context.email`. The whole schema reads as ''.
 */
export function fieldPathByName(
  fields: SchemaField[],
  problemPath: string,
): string {
  const position = [...problemPath.matchAll(/\[(\d+)\]/g)].map(m =>
    Number(m[1]),
  );
  const names: string[] = [];
  let level: SchemaField[] | undefined = fields;
  for (const index of position) {
    const field: SchemaField | undefined = level?.[index];
    names.push(field?.name || `(field ${index + 1}, unnamed)`);
    level = field?.fields;
  }
  return names.join('.');
}
