import { MAX_FIELD_NESTING_DEPTH, SchemaField } from '../schema/fields';
import { joinPath, ValidationProblem } from '../validation/problems';
import { validateSchemaFields } from '../validation/validateFields';

/** Longest column name BigQuery accepts. */
export const MAX_FIELD_NAME_LENGTH = 300;

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Column name prefixes BigQuery reserves for its own pseudo-columns (case-insensitive). */
export const RESERVED_FIELD_NAME_PREFIXES = [
  '_TABLE_',
  '_FILE_',
  '_PARTITION',
  '_ROW_TIMESTAMP',
  '__ROOT__',
  '_COLIDENTIFIER',
  '_CHANGE_SEQUENCE_NUMBER',
  '_CHANGE_TYPE',
  '_CHANGE_TIMESTAMP',
];

/** GoogleSQL's reserved keywords: a column so named must be quoted in every query. */
export const RESERVED_WORDS = new Set(
  `ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE
  CONTAINS CREATE CROSS CUBE CURRENT DEFAULT DEFINE DESC DISTINCT ELSE END ENUM
  ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP
  GROUPING GROUPS HASH HAVING IF IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN
  LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL NEW NO NOT NULL NULLS OF ON OR
  ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE RECURSIVE RESPECT
  RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE
  UNBOUNDED UNION UNNEST USING WHEN WHERE WINDOW WITH WITHIN`.split(/\s+/),
);

/** What is wrong with a column name under BigQuery's rules, or undefined. */
export function fieldNameProblem(name: string): string | undefined {
  if (!name) return 'a field needs a name';
  if (name.length > MAX_FIELD_NAME_LENGTH) {
    return `is longer than ${MAX_FIELD_NAME_LENGTH} characters`;
  }
  if (/^[0-9]/.test(name)) return 'must not start with a digit';
  if (!NAME_PATTERN.test(name)) {
    return 'may contain only letters, digits and underscores';
  }
  const upper = name.toLocaleUpperCase('en-US');
  const prefix = RESERVED_FIELD_NAME_PREFIXES.find(p => upper.startsWith(p));
  if (prefix) return `must not start with ${prefix}, which BigQuery reserves`;
  if (RESERVED_WORDS.has(upper)) {
    return `"${name}" is a reserved word in GoogleSQL; every query would have to quote it`;
  }
  return undefined;
}

/**
 * Turns any name (a JSON property, an Avro name from elsewhere) into a legal
 * column name: other characters become underscores, a leading digit gets a
 * leading underscore. Reserved words stay (BigQuery takes them quoted); the
 * editor flags them.
 */
export function toFieldName(name: string): string {
  let result = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!result || /^[0-9]/.test(result)) result = `_${result}`;
  return result.slice(0, MAX_FIELD_NAME_LENGTH);
}

function nameProblems(
  fields: SchemaField[],
  path: string,
): ValidationProblem[] {
  return fields.flatMap((field, index) => {
    const at = joinPath(path, index);
    const problem = fieldNameProblem(field.name);
    return [
      ...(problem ? [{ path: joinPath(at, 'name'), message: problem }] : []),
      ...(field.fields
        ? nameProblems(field.fields, joinPath(at, 'fields'))
        : []),
    ];
  });
}

/**
 * Every problem of a schema as the editor and the scaffolder actions check
 * it: at least one field, BigQuery's naming rules and reserved words, unique
 * names, RECORDs with fields, nesting depth. Paths are relative to the field
 * list: `[2].fields[0].name`.
 */
export function schemaFieldProblems(
  fields: SchemaField[],
): ValidationProblem[] {
  if (fields.length === 0) {
    return [{ path: '', message: 'a schema needs at least one field' }];
  }
  return [
    ...nameProblems(fields, ''),
    ...validateSchemaFields(fields, ''),
  ].sort((a, b) => a.path.localeCompare(b.path));
}

export { MAX_FIELD_NESTING_DEPTH };
