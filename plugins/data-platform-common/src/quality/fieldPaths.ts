import { fieldMode, SchemaField } from '../schema/fields';

/** A field found at a dotted path, and whether a REPEATED field is on the way. */
export type FieldAtColumnPath = { field: SchemaField; repeated: boolean };

/**
 * The field a dotted column path names (`user.country`), matching names
 * case-insensitively as BigQuery does; undefined when there is none.
 */
export function fieldAtColumnPath(
  fields: SchemaField[],
  path: string,
): FieldAtColumnPath | undefined {
  let level: SchemaField[] | undefined = fields;
  let found: SchemaField | undefined;
  let repeated = false;
  for (const segment of path.split('.')) {
    const name = segment.toLocaleLowerCase('en-US');
    found = level?.find(f => f.name.toLocaleLowerCase('en-US') === name);
    if (!found) return undefined;
    repeated ||= fieldMode(found) === 'REPEATED';
    level = found.fields;
  }
  return found && { field: found, repeated };
}
