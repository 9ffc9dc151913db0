import { MAX_FIELD_NESTING_DEPTH, SchemaField } from '../schema/fields';
import { joinPath, ValidationProblem } from './problems';

/**
 * Rules on a list of schema fields that JSON Schema cannot say: unique names
 * (BigQuery compares column names case-insensitively), RECORDs have nested
 * fields and other types do not, nesting stays within BigQuery's limit.
 */
export function validateSchemaFields(
  fields: SchemaField[],
  path: string,
  depth = 1,
  /** The parent RECORD's path by name (`context.device`), to name duplicates as people read them. */
  parentNames = '',
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Map<string, string>();
  fields.forEach((field, index) => {
    const at = joinPath(path, index);
    const names = parentNames ? `${parentNames}.${field.name}` : field.name;
    const key = field.name.toLocaleLowerCase('en-US');
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path: joinPath(at, 'name'),
        message: `duplicates the name of ${first}; names are case-insensitive`,
      });
    } else {
      seen.set(key, names);
    }
    if (field.type === 'RECORD') {
      if (!field.fields || field.fields.length === 0) {
        problems.push({
          path: joinPath(at, 'fields'),
          message: 'a RECORD needs at least one nested field',
        });
      } else if (depth >= MAX_FIELD_NESTING_DEPTH) {
        problems.push({
          path: joinPath(at, 'fields'),
          message: `nests deeper than ${MAX_FIELD_NESTING_DEPTH} levels`,
        });
      } else {
        problems.push(
          ...validateSchemaFields(
            field.fields,
            joinPath(at, 'fields'),
            depth + 1,
            names,
          ),
        );
      }
    } else if (field.fields) {
      problems.push({
        path: joinPath(at, 'fields'),
        message: `only RECORD fields have nested fields, this one is ${field.type}`,
      });
    }
  });
  return problems;
}
