import type { PiiClassification, SchemaField } from '../schema/fields';

/** Column path -> the personal data that reaches it along column lineage. */
export type DerivedPiiMarks = Record<string, PiiClassification>;

const RANK: Record<PiiClassification, number> = {
  none: 0,
  pseudonymize: 1,
  encrypt: 2,
  drop: 3,
};

/**
 * A table's fields with the personal data that reaches their columns along
 * column lineage added to their marks, where it is stronger than what the
 * schema declares: the columns then get the policy tag of what they carry.
 */
export function withDerivedPii(
  fields: SchemaField[],
  marks: DerivedPiiMarks | undefined,
  prefix = '',
): SchemaField[] {
  if (!marks || Object.keys(marks).length === 0) return fields;
  return fields.map(field => {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    const derived = marks[path];
    const raised =
      derived && RANK[derived] > RANK[field.pii ?? 'none']
        ? { ...field, pii: derived }
        : field;
    return field.fields
      ? { ...raised, fields: withDerivedPii(field.fields, marks, path) }
      : raised;
  });
}
