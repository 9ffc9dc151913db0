import type {
  AcceptedValue,
  DataEndpointType,
  QualityCheck,
  QualityCheckType,
} from '../kinds/entities';
import type { FieldType, SchemaField } from '../schema/fields';
import { joinPath, ValidationProblem } from '../validation/problems';
import {
  checkedColumns,
  qualityCheckName,
  SCAN_CHECK_TYPES,
} from './checkNames';
import { compareValues } from './compareValues';
import { customSqlProblem } from './customSql';
import { fieldAtColumnPath } from './fieldPaths';
import type { TableAddress } from './tableReferences';

type Setting = Exclude<keyof QualityCheck, 'name' | 'type' | 'severity'>;

/** What each check type needs, and what else it may say. */
const SETTINGS: Record<
  QualityCheckType,
  { required: Setting[]; optional: Setting[] }
> = {
  freshness: { required: ['maxDelay'], optional: ['column'] },
  volume: { required: ['minRows'], optional: [] },
  volume_anomaly: { required: [], optional: ['weeks', 'sensitivity'] },
  null_rate: { required: ['column'], optional: ['maxNullRate'] },
  uniqueness: { required: [], optional: ['column', 'columns'] },
  accepted_values: { required: ['column', 'values'], optional: [] },
  range: { required: ['column'], optional: ['min', 'max'] },
  schema_match: { required: [], optional: [] },
  custom_sql: { required: ['sql'], optional: [] },
};

const NUMERIC_TYPES: FieldType[] = [
  'INT64',
  'FLOAT64',
  'NUMERIC',
  'BIGNUMERIC',
];
const TIME_TYPES: FieldType[] = ['DATE', 'DATETIME', 'TIMESTAMP', 'TIME'];
const UNGROUPABLE_TYPES: FieldType[] = ['RECORD', 'JSON', 'GEOGRAPHY'];
const FRESHNESS_TYPES: FieldType[] = ['DATE', 'DATETIME', 'TIMESTAMP'];

/** The kind of value a column of this type compares with, for range and accepted_values. */
function valueKind(
  type: FieldType,
): 'number' | 'string' | 'boolean' | undefined {
  if (NUMERIC_TYPES.includes(type)) return 'number';
  if (TIME_TYPES.includes(type) || type === 'STRING') return 'string';
  if (type === 'BOOL') return 'boolean';
  return undefined;
}

/** Where the checks are, what they may read, and the endpoint's table. */
export type QualityProblemsOptions = {
  /** Path of the checks in the entity; default `spec.quality`. */
  path?: string;
  /** The endpoint's store: only a table has rows to scan. */
  endpointType?: DataEndpointType;
  /** The table's address: custom SQL must read it. */
  table?: TableAddress;
};

function settingProblems(check: QualityCheck, at: string): ValidationProblem[] {
  const { required, optional } = SETTINGS[check.type];
  const problems: ValidationProblem[] = [];
  for (const key of required) {
    if (check[key] === undefined) {
      problems.push({
        path: joinPath(at, key),
        message: `is required for a ${check.type} check`,
      });
    }
  }
  for (const key of Object.keys(check) as (keyof QualityCheck)[]) {
    if (
      key !== 'name' &&
      key !== 'type' &&
      key !== 'severity' &&
      !required.includes(key) &&
      !optional.includes(key)
    ) {
      problems.push({
        path: joinPath(at, key),
        message: `does not apply to a ${check.type} check`,
      });
    }
  }
  if (check.type === 'uniqueness') {
    if (check.column === undefined && check.columns === undefined) {
      problems.push({
        path: joinPath(at, 'column'),
        message: 'is required for a uniqueness check',
      });
    } else if (check.column !== undefined && check.columns !== undefined) {
      problems.push({
        path: joinPath(at, 'columns'),
        message: 'a uniqueness check has either column or columns, not both',
      });
    }
  }
  if (
    check.type === 'range' &&
    check.min === undefined &&
    check.max === undefined
  ) {
    problems.push({
      path: joinPath(at, 'max'),
      message: 'a range check needs min, max or both',
    });
  }
  return problems;
}

function boundProblems(check: QualityCheck, at: string): ValidationProblem[] {
  const { min, max } = check;
  if (min === undefined || max === undefined) return [];
  if (typeof min !== typeof max) {
    return [
      {
        path: joinPath(at, 'max'),
        message: `is a ${typeof max} and min is a ${typeof min}; both must be numbers or both dates or times`,
      },
    ];
  }
  if (compareValues(min, max) > 0) {
    return [
      {
        path: joinPath(at, 'min'),
        message: `is greater than max (${min} > ${max})`,
      },
    ];
  }
  return [];
}

function describeValue(value: AcceptedValue): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** Problems of a check's columns against the fields they must name. */
function columnProblems(
  check: QualityCheck,
  at: string,
  fields: SchemaField[],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const columns = checkedColumns(check);
  columns.forEach((column, index) => {
    const path = check.columns
      ? joinPath(at, 'columns', index)
      : joinPath(at, 'column');
    const found = fieldAtColumnPath(fields, column);
    if (!found) {
      problems.push({
        path,
        message: `names no field of the schema ("${column}")`,
      });
      return;
    }
    const { field, repeated } = found;
    if (repeated) {
      problems.push({
        path,
        message: `"${column}" is REPEATED or inside a REPEATED field; a ${check.type} check reads one value per row`,
      });
      return;
    }
    if (check.type === 'uniqueness' && UNGROUPABLE_TYPES.includes(field.type)) {
      problems.push({
        path,
        message: `"${column}" is ${field.type}; uniqueness compares values BigQuery can group (not RECORD, JSON or GEOGRAPHY)`,
      });
    }
    if (check.type === 'freshness' && !FRESHNESS_TYPES.includes(field.type)) {
      problems.push({
        path,
        message: `"${column}" is ${field.type}; freshness reads a DATE, DATETIME or TIMESTAMP column`,
      });
    }
    const kind = valueKind(field.type);
    if (check.type === 'range') {
      if (kind !== 'number' && !TIME_TYPES.includes(field.type)) {
        problems.push({
          path,
          message: `"${column}" is ${field.type}; a range applies to numbers, dates and times`,
        });
        return;
      }
      for (const key of ['min', 'max'] as const) {
        const bound = check[key];
        if (bound !== undefined && typeof bound !== kind) {
          problems.push({
            path: joinPath(at, key),
            message: `must be ${
              kind === 'number' ? 'a number' : 'a string (ISO 8601)'
            } for the ${field.type} column "${column}"`,
          });
        }
      }
    }
    if (check.type === 'accepted_values') {
      if (!kind) {
        problems.push({
          path,
          message: `"${column}" is ${field.type}; accepted values apply to strings, numbers, booleans, dates and times`,
        });
        return;
      }
      (check.values ?? []).forEach((value, i) => {
        if (typeof value !== kind) {
          problems.push({
            path: joinPath(at, 'values', i),
            message: `${describeValue(value)} is not a ${kind}, as the ${
              field.type
            } column "${column}" holds`,
          });
        }
      });
    }
  });
  return problems;
}

/**
 * Every problem of an endpoint's quality checks, each with the dotted path
 * of the offending value: settings a check type needs or does not take,
 * range bounds in the wrong order, custom SQL that does not parse or is not
 * a single SELECT of the endpoint's table, names used twice (given or
 * derived, see {@link qualityCheckName}), scan checks on a store with no
 * rows to scan, and, when `fields` are given, columns that name no field
 * (dotted paths for nested fields) or a field of a type the check cannot
 * read. When the endpoint stores an event type, pass the event type's
 * fields: only where it is known can the columns be checked.
 */
export function qualityProblems(
  checks: QualityCheck[],
  fields?: SchemaField[],
  options: QualityProblemsOptions = {},
): ValidationProblem[] {
  const base = options.path ?? 'spec.quality';
  const problems: ValidationProblem[] = [];
  const names = new Map<string, number>();
  checks.forEach((check, index) => {
    const at = joinPath(base, index);
    const settings = settingProblems(check, at);
    problems.push(...settings);
    if (
      options.endpointType &&
      options.endpointType !== 'bigquery-table' &&
      SCAN_CHECK_TYPES.includes(check.type)
    ) {
      problems.push({
        path: joinPath(at, 'type'),
        message: `a ${check.type} check reads a table's rows; a ${options.endpointType} has none`,
      });
    }
    problems.push(...boundProblems(check, at));
    if (fields && settings.length === 0) {
      problems.push(...columnProblems(check, at, fields));
    }
    if (check.type === 'custom_sql' && check.sql !== undefined) {
      const problem = customSqlProblem(check.sql, options.table);
      if (problem)
        problems.push({ path: joinPath(at, 'sql'), message: problem });
    }
    const name = qualityCheckName(check);
    const first = names.get(name);
    if (first === undefined) {
      names.set(name, index);
    } else {
      problems.push({
        path: joinPath(at, 'name'),
        message: `"${name}" is the name of ${joinPath(
          base,
          first,
        )} too; give each check its own name`,
      });
    }
  });
  return problems;
}
