import { fieldPii, PiiClassification, SchemaField } from '../../schema/fields';

/**
 * What the transform does to one field of an event: remove it, replace its
 * values by tokens, or look inside it (a RECORD, or each record of a
 * REPEATED RECORD). Fields it need not touch are left out of the plan.
 */
export type FieldRule = 'drop' | 'pseudonymize' | AnonymizationPlan;

/** Rules by field name, lowercase (BigQuery matches column names case-insensitively). */
export type AnonymizationPlan = { [fieldName: string]: FieldRule };

/** A field whose PII classification the delivery does not apply. */
export type PiiNotApplied = {
  path: string;
  pii: Extract<PiiClassification, 'encrypt'>;
  reason: string;
};

/** The plan of a schema, with the field paths each rule reaches. */
export type CompiledAnonymization = {
  plan: AnonymizationPlan;
  /** Paths of the fields removed (a dropped RECORD's own fields are not listed). */
  dropped: string[];
  /** Paths of the fields whose values become tokens. */
  pseudonymized: string[];
  notApplied: PiiNotApplied[];
};

const ENCRYPT_NOT_APPLIED =
  'Per-user encryption is not applied on delivery yet: the value lands unchanged.';

/**
 * Reads the PII marks of a schema into the transform's plan. A RECORD marked
 * `pseudonymize` passes the mark to its fields that carry none (or only
 * `encrypt`, which is not applied), so no value inside it lands in clear;
 * a field marked `drop` is dropped wherever it is. A pseudonymized field
 * holding more than one value (an array, a JSON object) has each value
 * inside replaced, keeping its shape.
 */
export function compileAnonymization(
  fields: SchemaField[],
): CompiledAnonymization {
  const result: CompiledAnonymization = {
    plan: {},
    dropped: [],
    pseudonymized: [],
    notApplied: [],
  };
  result.plan = planOf(fields, '', false, result);
  return result;
}

function planOf(
  fields: SchemaField[],
  prefix: string,
  inheritedPseudonymize: boolean,
  result: CompiledAnonymization,
): AnonymizationPlan {
  const plan: AnonymizationPlan = {};
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    const rule = ruleOf(field, path, inheritedPseudonymize, result);
    if (rule !== undefined) plan[field.name.toLowerCase()] = rule;
  }
  return plan;
}

function ruleOf(
  field: SchemaField,
  path: string,
  inheritedPseudonymize: boolean,
  result: CompiledAnonymization,
): FieldRule | undefined {
  const pii = fieldPii(field);
  if (pii === 'drop') {
    result.dropped.push(path);
    return 'drop';
  }
  const pseudonymize = pii === 'pseudonymize' || inheritedPseudonymize;
  if (field.type === 'RECORD') {
    if (pii === 'encrypt' && !pseudonymize) notApplied(path, result);
    const nested = planOf(field.fields ?? [], path, pseudonymize, result);
    if (Object.keys(nested).length > 0) return nested;
    if (!pseudonymize) return undefined;
  }
  if (pseudonymize) {
    result.pseudonymized.push(path);
    return 'pseudonymize';
  }
  if (pii === 'encrypt') notApplied(path, result);
  return undefined;
}

function notApplied(path: string, result: CompiledAnonymization) {
  result.notApplied.push({ path, pii: 'encrypt', reason: ENCRYPT_NOT_APPLIED });
}
