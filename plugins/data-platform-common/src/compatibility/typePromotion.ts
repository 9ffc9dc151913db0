import type { FieldType } from '../schema/fields';

/**
 * Types a value written as the key type can be read as, besides itself.
 *
 * Confluent's Avro rules allow int -> long -> float -> double and
 * string <-> bytes. Our fields land in BigQuery, so a type may widen only
 * where BigQuery coerces implicitly (its supertypes): INT64 to NUMERIC,
 * BIGNUMERIC or FLOAT64, NUMERIC to BIGNUMERIC or FLOAT64, BIGNUMERIC to
 * FLOAT64, DATE to DATETIME. STRING and BYTES do not convert into each other
 * there, so that Avro promotion is not one here.
 */
const READABLE_AS: Partial<Record<FieldType, FieldType[]>> = {
  INT64: ['NUMERIC', 'BIGNUMERIC', 'FLOAT64'],
  NUMERIC: ['BIGNUMERIC', 'FLOAT64'],
  BIGNUMERIC: ['FLOAT64'],
  DATE: ['DATETIME'],
};

/** True when a reader expecting `readerType` can read a value written as `writerType`. */
export function canReadType(writerType: FieldType, readerType: FieldType) {
  return (
    writerType === readerType ||
    (READABLE_AS[writerType]?.includes(readerType) ?? false)
  );
}
