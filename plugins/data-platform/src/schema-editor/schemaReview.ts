import {
  CompatibilityReport,
  fieldMode,
  fieldPii,
  PiiClassification,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** Every field of a schema, depth first, with its path by name: `context.device.os`. */
export function flattenFields(
  fields: SchemaField[],
  parent = '',
): { path: string; field: SchemaField }[] {
  return fields.flatMap(field => {
    const path = parent ? `${parent}.${field.name}` : field.name;
    return [{ path, field }, ...flattenFields(field.fields ?? [], path)];
  });
}

/** The paths of the fields under each PII classification, in the schema's order. */
export function pathsByPii(
  fields: SchemaField[],
): Record<PiiClassification, string[]> {
  const result: Record<PiiClassification, string[]> = {
    drop: [],
    pseudonymize: [],
    encrypt: [],
    none: [],
  };
  for (const { path, field } of flattenFields(fields)) {
    result[fieldPii(field)].push(path);
  }
  return result;
}

/** One line per field for the scaffolder's Review step: `user_id: STRING, REQUIRED, PII pseudonymize`. */
export function fieldReviewLines(fields: SchemaField[]): string[] {
  return flattenFields(fields).map(({ path, field }) => {
    const pii = fieldPii(field);
    return `${path}: ${field.type}, ${fieldMode(field)}${
      pii === 'none' ? '' : `, PII ${pii}`
    }`;
  });
}

/** The verdict as the Review step says it. */
export function verdictLine(report: CompatibilityReport): string {
  const against = report.checkedAgainst.length
    ? ` (checked against revision ${report.checkedAgainst.join(', ')})`
    : '';
  return report.compatible
    ? `Compatible under ${report.mode}${against}`
    : `Not ${report.mode} compatible${against}: ${report.issues
        .map(issue => issue.message)
        .join('; ')}`;
}
