import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  BreakingConsumersPolicy,
  MIN_DECISION_REASON_LENGTH,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { EventTypeSchemaValue } from './types';

/**
 * The Consumers step's value: the consumers the change breaks as last looked
 * up (for the schema it was looked up for), and the owner's decision: the
 * consumers accepted, and why. `reason` and `consumers` are what the
 * validate action takes as `consumerDecision`.
 */
export interface ConsumerDecisionValue {
  /** Ids of the consumers the change breaks. */
  breaking: string[];
  policy?: BreakingConsumersPolicy;
  /** The event type's owner, who decides. */
  owner?: string;
  /** Whether the user may decide (an owner or an admin), as the backend said. */
  mayDecide?: boolean;
  /** The schema the consumers were looked up for (see {@link fieldsFingerprint}). */
  lookedUpFor: string;
  /** Ids of the consumers the owner accepts breaking. */
  consumers: string[];
  reason: string;
  /** What the Review step shows. */
  summary: string;
}

/** `ui:options` of the `EventTypeConsumerDecision` field. */
export interface ConsumerDecisionUiOptions {
  /** The form property holding the schema editor's value. */
  schemaField?: string;
}

/** The schema editor's value, read from the whole form. */
export function schemaValueOf(
  formData: Record<string, unknown> | undefined,
  options: ConsumerDecisionUiOptions | undefined,
): EventTypeSchemaValue | undefined {
  return formData?.[options?.schemaField ?? 'schema'] as
    | EventTypeSchemaValue
    | undefined;
}

/** A short fingerprint of the fields, to know a lookup is for the schema as it is now. */
export function fieldsFingerprint(fields: SchemaField[] = []): string {
  const text = JSON.stringify(fields);
  let hash = 5381;
  for (let i = 0; i < text.length; i++) {
    hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  }
  return `${text.length}-${hash.toString(36)}`;
}

export const DECISION_PENDING =
  'Wait until the consumers of this change have been looked up';
export const DECISION_REFUSED =
  'This portal refuses schema changes that break consumers: go back and keep the fields they read';
/** The step's error for a user who may not decide: who may, and what to do instead. */
export function decisionNotYours(owner: string | undefined): string {
  const owners = owner
    ? `its owners (${humanizeEntityRef(parseEntityRef(owner), {
        defaultKind: 'group',
      })})`
    : 'its owners';
  return `Only ${owners} or data-platform admins can decide to break these consumers: go back and keep the fields, or ask the owners to make this change`;
}
export const DECISION_UNTICKED =
  'Decide: tick the box to ship the change knowing these consumers break, or go back and keep the fields';
export const DECISION_NO_REASON = `Say why it ships and what the consumers should do (at least ${MIN_DECISION_REASON_LENGTH} characters)`;

/**
 * The step goes on when the change breaks no consumer, or when the owner
 * (or an admin: the backend says who may decide) ticked the box for every consumer it breaks and gave a reason. The server
 * checks again against the lineage it has on submit.
 */
export const validateConsumerDecision: CustomFieldValidator<
  ConsumerDecisionValue | undefined,
  ConsumerDecisionUiOptions
> = (value, validation, context) => {
  const schema = schemaValueOf(
    context.formData,
    context.uiSchema?.['ui:options'],
  );
  if (!value || value.lookedUpFor !== fieldsFingerprint(schema?.fields)) {
    validation.addError(DECISION_PENDING);
    return;
  }
  if (value.breaking.length === 0) return;
  if (value.policy === 'refuse') {
    validation.addError(DECISION_REFUSED);
  } else if (value.mayDecide === false) {
    validation.addError(decisionNotYours(value.owner));
  } else if (!value.breaking.every(id => value.consumers.includes(id))) {
    validation.addError(DECISION_UNTICKED);
  } else if (value.reason.trim().length < MIN_DECISION_REASON_LENGTH) {
    validation.addError(DECISION_NO_REASON);
  }
};
