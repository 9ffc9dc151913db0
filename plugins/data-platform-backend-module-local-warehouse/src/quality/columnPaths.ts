import {
  fieldMode,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { isJsonColumn } from '../warehouse/dialects';

/** A check's column path as the warehouse table holds it. */
export type ColumnPath = {
  /** The SQL column, as the database names it. */
  column: string;
  /** Names inside the column's JSON (a RECORD's fields), as recorded. */
  nested: string[];
  /** The field read, when the metadata records it (not for a column added by hand). */
  field?: SchemaField;
};

const sameName = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * Finds a dotted column path (`context.device.os`) in a warehouse table,
 * matching names case-insensitively as BigQuery does and answering with
 * the names the table uses: the first segment among the table's SQL
 * columns, the others among the recorded fields of its RECORD (kept as
 * JSON). A path the table cannot answer per row is a problem: a column it
 * lacks, a field its record lacks, a path into a REPEATED field.
 */
export function resolveColumnPath(
  path: string,
  columns: string[],
  fields: SchemaField[],
): ColumnPath | { problem: string } {
  const [first, ...rest] = path.split('.');
  const column = columns.find(c => sameName(c, first));
  if (!column) return { problem: `the table has no column ${first}` };
  const top = fields.find(f => sameName(f.name, column));
  if (rest.length === 0)
    return { column, nested: [], ...(top && { field: top }) };
  if (!top) {
    return {
      problem: `${column} was not made from the schema: its fields are unknown`,
    };
  }
  if (!isJsonColumn(top)) {
    return { problem: `${column} is ${top.type}: it has no field ${rest[0]}` };
  }
  let field: SchemaField = top;
  const nested: string[] = [];
  for (const segment of rest) {
    const at = [column, ...nested].join('.');
    if (fieldMode(field) === 'REPEATED') {
      return {
        problem: `${at} is REPEATED: a check reads one value per row, not ${path}`,
      };
    }
    if (field.type === 'JSON') {
      // Inside a JSON value: its keys as written, of no known type.
      return { column, nested: [...nested, ...rest.slice(nested.length)] };
    }
    const next: SchemaField | undefined = field.fields?.find(f =>
      sameName(f.name, segment),
    );
    if (!next) return { problem: `${at} has no field ${segment}` };
    nested.push(next.name);
    field = next;
  }
  return { column, nested, field };
}
