import {
  exportBigQuerySchema,
  fieldMode,
  PiiPolicyTags,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** A column of tables.get / tables.patch (TableFieldSchema). */
export type TableFieldSchema = {
  name: string;
  type: string;
  mode?: string;
  description?: string | null;
  policyTags?: { names: string[] };
  fields?: TableFieldSchema[];
  [other: string]: unknown;
};

/** What the plan asks of one column path. */
export type ColumnEdits = Map<
  string,
  Set<'add-column' | 'relax-mode' | 'set-description' | 'set-policy-tag'>
>;

const sameName = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * The live schema with the planned column edits made: columns added (with
 * their nested fields and policy tags), REQUIRED relaxed to NULLABLE,
 * descriptions and policy tags set. Everything else of the live schema is
 * kept as it is (columns the catalog does not name, type parameters,
 * defaults, collation), since a patch replaces the whole schema. Returns
 * the paths whose edit changed something.
 */
export function editSchema(
  live: TableFieldSchema[],
  desired: SchemaField[],
  edits: ColumnEdits,
  policyTags: PiiPolicyTags,
): { fields: TableFieldSchema[]; changed: Set<string> } {
  const changed = new Set<string>();
  const edit = (
    liveFields: TableFieldSchema[],
    desiredFields: SchemaField[],
    prefix: string,
  ): TableFieldSchema[] => {
    const result = liveFields.map(f => ({ ...f }));
    for (const want of desiredFields) {
      const path = prefix ? `${prefix}.${want.name}` : want.name;
      const asked = edits.get(path);
      const index = result.findIndex(f => sameName(f.name, want.name));
      if (index < 0) {
        if (asked?.has('add-column')) {
          result.push(
            exportBigQuerySchema([want], { policyTags })[0] as TableFieldSchema,
          );
          changed.add(path);
        }
        continue;
      }
      const column = result[index];
      if (
        asked?.has('relax-mode') &&
        column.mode === 'REQUIRED' &&
        fieldMode(want) === 'NULLABLE'
      ) {
        column.mode = 'NULLABLE';
        changed.add(path);
      }
      if (
        asked?.has('set-description') &&
        (column.description ?? '') !== (want.description ?? '')
      ) {
        column.description = want.description ?? null;
        changed.add(path);
      }
      if (asked?.has('set-policy-tag')) {
        const tag = policyTags[want.pii ?? 'none'];
        const names = tag ? [tag] : [];
        if (
          JSON.stringify(column.policyTags?.names ?? []) !==
          JSON.stringify(names)
        ) {
          column.policyTags = { names };
          changed.add(path);
        }
      }
      if (want.fields && column.fields) {
        column.fields = edit(column.fields, want.fields, path);
      }
    }
    return result;
  };
  return { fields: edit(live, desired, ''), changed };
}
