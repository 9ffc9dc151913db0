import { diffSchemas } from '../compatibility/diffSchemas';
import { flattenFields, SchemaField } from '../schema/fields';
import type { CheckVerdict, EvaluationContext } from './types';

/**
 * The table's columns against the declared schema: names, types and modes,
 * nested too, in the words of the schema diff (`plays: type INT64 ->
 * STRING`; `added` is a column the table has and the schema does not,
 * `removed` one the schema declares and the table lacks). Descriptions and
 * PII marks live only in the catalog, so they are not compared; a field
 * marked `pii: drop` is removed before anything is stored, so the table is
 * expected to lack it.
 */
export function judgeSchemaMatch(context: EvaluationContext): CheckVerdict {
  const { observedFields, declaredFields } = context;
  if (!observedFields || !declaredFields) {
    return {
      status: 'not_run',
      metric: 'schema_differences',
      message: observedFields
        ? 'the declared schema is not known (its event type was not found)'
        : "the table's columns were not read",
    };
  }
  const stored = withoutDropped(declaredFields);
  const differences = diffSchemas(stored, observedFields).filter(
    change =>
      change.kind !== 'description-changed' && change.kind !== 'pii-changed',
  );
  const fields = flattenFields(stored).length;
  if (differences.length === 0) {
    return {
      status: 'pass',
      metric: 'schema_differences',
      expected: '0',
      actual: 0,
      message: `the table matches the declared schema (${fields} field${
        fields === 1 ? '' : 's'
      })`,
    };
  }
  const listed = differences.map(c => `${c.path}: ${c.description}`);
  return {
    status: 'fail',
    metric: 'schema_differences',
    expected: '0',
    actual: differences.length,
    message: `the table differs from the declared schema in ${
      differences.length
    } place${differences.length === 1 ? '' : 's'}: ${listed.join('; ')}`,
  };
}

/** The declared fields a table stores: those marked `pii: drop` left out, nested too. */
function withoutDropped(fields: SchemaField[]): SchemaField[] {
  return fields
    .filter(f => f.pii !== 'drop')
    .map(f => (f.fields ? { ...f, fields: withoutDropped(f.fields) } : f));
}
