import {
  PII_CLASSIFICATIONS,
  PiiClassification,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { pathsByPii } from './schemaReview';
import type { EventTypeSchemaValue } from './types';

/**
 * What the PII review step records: the box, and the classifications it
 * was ticked for, each as the comma-separated paths of its fields (strings,
 * not lists: the form fills declared lists in as empty ones, which the
 * Review step would show as empty rows).
 */
export type PiiReviewValue = {
  confirmed: boolean;
} & Partial<Record<PiiClassification, string>>;

/** `ui:options` of the `PiiReview` field. */
export interface PiiReviewUiOptions {
  /** The form property holding the schema editor's value. */
  schemaField?: string;
}

/** The field paths under each classification that has any, in the order drop, pseudonymize, encrypt, none. */
export function reviewedClassifications(
  fields: SchemaField[],
): Partial<Record<PiiClassification, string>> {
  return Object.fromEntries(
    Object.entries(pathsByPii(fields))
      .filter(([, paths]) => paths.length > 0)
      .map(([pii, paths]) => [pii, paths.join(', ')]),
  );
}

/** The schema's fields, read from the whole form. */
export function schemaFieldsOf(
  formData: Record<string, unknown> | undefined,
  options: PiiReviewUiOptions | undefined,
): SchemaField[] {
  const value = formData?.[options?.schemaField ?? 'schema'] as
    | EventTypeSchemaValue
    | undefined;
  return value?.fields ?? [];
}

/** Whether the box was ticked for the classifications the schema has now. */
export function isConfirmedFor(
  value: PiiReviewValue | undefined,
  fields: SchemaField[],
): boolean {
  if (!value?.confirmed) return false;
  const now = reviewedClassifications(fields);
  return PII_CLASSIFICATIONS.every(
    pii => (value[pii] || '') === (now[pii] || ''),
  );
}

export const PII_REVIEW_UNTICKED =
  'Tick the box once you have checked the PII classification of every field';
export const PII_REVIEW_STALE =
  'The classifications changed after you ticked the box: check them again, then tick it';

/** The step goes on only with the box ticked for the schema as it is now. */
export const validatePiiReview: CustomFieldValidator<
  PiiReviewValue | undefined,
  PiiReviewUiOptions
> = (value, validation, context) => {
  const fields = schemaFieldsOf(
    context.formData,
    context.uiSchema?.['ui:options'],
  );
  if (!value?.confirmed) validation.addError(PII_REVIEW_UNTICKED);
  else if (!isConfirmedFor(value, fields)) {
    validation.addError(PII_REVIEW_STALE);
  }
};
