/*
 * How the fake BigQuery keeps tables: the schema with legacy type names as
 * tables.get answers them, and the checks BigQuery makes on tables.insert
 * and tables.patch (a patch may add NULLABLE or REPEATED columns and relax
 * REQUIRED to NULLABLE, never drop or retype a column; partitioning changes
 * only its expiration).
 */
import type { FakeTable, TableField } from './informationSchema';

const LEGACY: Record<string, string> = {
  INT64: 'INTEGER',
  FLOAT64: 'FLOAT',
  BOOL: 'BOOLEAN',
  STRUCT: 'RECORD',
};

/** The schema as BigQuery stores and answers it. */
export function storedFields(fields: any[] | undefined): TableField[] {
  return (fields ?? []).map(f => {
    const field: TableField = {
      name: String(f.name),
      type:
        LEGACY[String(f.type).toUpperCase()] ?? String(f.type).toUpperCase(),
      mode: f.mode ?? 'NULLABLE',
    };
    if (f.description) field.description = f.description;
    if (f.policyTags?.names?.length) {
      field.policyTags = { names: [...f.policyTags.names] };
    }
    if (f.fields) field.fields = storedFields(f.fields);
    return field;
  });
}

const lower = (name: string) => name.toLocaleLowerCase('en-US');

/** Why a new table's definition is invalid, if it is. */
export function invalidTable(table: FakeTable): string | undefined {
  const duplicate = duplicateName(table.schema.fields);
  if (duplicate) return `Duplicate column name ${duplicate}`;
  const partitioning = table.timePartitioning;
  if (partitioning?.field) {
    const column = table.schema.fields.find(
      f => lower(f.name) === lower(partitioning.field!),
    );
    if (!column || !['TIMESTAMP', 'DATE', 'DATETIME'].includes(column.type)) {
      return `The field specified for partitioning ${partitioning.field} is not a top-level TIMESTAMP, DATE or DATETIME field`;
    }
  }
  const clustering = table.clustering?.fields ?? [];
  if (clustering.length > 4) {
    return 'Too many clustering fields: at most 4 are allowed';
  }
  for (const name of clustering) {
    const column = table.schema.fields.find(f => lower(f.name) === lower(name));
    if (!column || column.type === 'RECORD' || column.mode === 'REPEATED') {
      return `The field specified for clustering ${name} is not a top-level field of a clusterable type`;
    }
  }
  return undefined;
}

function duplicateName(fields: TableField[]): string | undefined {
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(lower(field.name))) return field.name;
    seen.add(lower(field.name));
    const nested = field.fields && duplicateName(field.fields);
    if (nested) return `${field.name}.${nested}`;
  }
  return undefined;
}

/** Why a patched schema may not replace the live one, if it may not. */
export function incompatibleSchema(
  live: TableField[],
  patched: TableField[],
  prefix = '',
): string | undefined {
  for (const old of live) {
    const path = `${prefix}${old.name}`;
    const now = patched.find(f => lower(f.name) === lower(old.name));
    if (!now) return `Field ${path} is missing in new schema`;
    if (now.type !== old.type) {
      return `Field ${path} has changed type from ${old.type} to ${now.type}`;
    }
    const relaxed = old.mode === 'REQUIRED' && now.mode === 'NULLABLE';
    if (now.mode !== old.mode && !relaxed) {
      return `Field ${path} has changed mode from ${old.mode} to ${now.mode}`;
    }
    if (old.fields) {
      const nested = incompatibleSchema(
        old.fields,
        now.fields ?? [],
        `${path}.`,
      );
      if (nested) return nested;
    }
  }
  const added = (
    fields: TableField[],
    before: TableField[],
  ): string | undefined => {
    for (const field of fields) {
      const old = before.find(f => lower(f.name) === lower(field.name));
      if (!old && field.mode === 'REQUIRED') {
        return `Cannot add required field ${prefix}${field.name} to an existing schema`;
      }
    }
    return undefined;
  };
  const duplicate = duplicateName(patched);
  return (
    added(patched, live) ??
    (duplicate ? `Duplicate column name ${prefix}${duplicate}` : undefined)
  );
}
