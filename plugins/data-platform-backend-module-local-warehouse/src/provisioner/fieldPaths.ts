import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';

const sameName = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** The column path a plan's change is about: `columns.context.device.os` -> `context.device.os`. */
export function columnPath(changeField: string): string | undefined {
  return changeField.startsWith('columns.')
    ? changeField.slice('columns.'.length)
    : undefined;
}

/** The field at a dotted path (names match case-insensitively, as BigQuery's do). */
export function fieldAt(
  fields: SchemaField[],
  path: string,
): SchemaField | undefined {
  const [name, ...rest] = path.split('.');
  const field = fields.find(f => sameName(f.name, name));
  if (!field || rest.length === 0) return field;
  return fieldAt(field.fields ?? [], rest.join('.'));
}

/**
 * The fields with the one at `path` replaced by `update(field)`, or added at
 * the end of its record when there is none. Throws when the record holding
 * it is missing.
 */
export function withFieldAt(
  fields: SchemaField[],
  path: string,
  update: (field: SchemaField | undefined) => SchemaField,
): SchemaField[] {
  const [name, ...rest] = path.split('.');
  const index = fields.findIndex(f => sameName(f.name, name));
  if (rest.length === 0) {
    if (index < 0) return [...fields, update(undefined)];
    return fields.map((f, i) => (i === index ? update(f) : f));
  }
  if (index < 0 || fields[index].type !== 'RECORD') {
    throw new Error(`the table has no RECORD column ${name}`);
  }
  const record = fields[index];
  return fields.map((f, i) =>
    i === index
      ? {
          ...record,
          fields: withFieldAt(record.fields ?? [], rest.join('.'), update),
        }
      : f,
  );
}
