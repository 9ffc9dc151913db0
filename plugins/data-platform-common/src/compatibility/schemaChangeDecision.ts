import { createPermission } from '@backstage/plugin-permission-common';
import type { BreakingConsumersPolicy } from './consumerGate';
import type { ConsumersByField } from './consumerImpact';
import type { SchemaChangeKind } from './types';

/** `POST /schema-changes/consumers`: what reads each of an event type's fields. */
export interface FieldConsumersRequest {
  /** The event type, e.g. `eventtype:default/track-played`. */
  entityRef: string;
  /** Dotted field paths of its current schema. */
  paths: string[];
}

/** The answer to {@link FieldConsumersRequest}. */
export interface FieldConsumersResponse {
  entityRef: string;
  consumers: ConsumersByField;
  /** What the gate does with a change that breaks consumers. */
  policy: BreakingConsumersPolicy;
  /** The event type's owner (`spec.owner`), e.g. `group:default/playback`. */
  owner?: string;
  /**
   * Whether the caller may record a decision to break consumers: a member
   * of the owner, or a holder of {@link schemaChangeDecidePermission}.
   */
  mayDecide: boolean;
}

/** A consumer a recorded decision names. */
export interface DecidedConsumer {
  id: string;
  title: string;
  owner?: string;
  /** The changed fields it reads. */
  paths: string[];
  /** How it reads them, e.g. `track_played#context.device.os -> plays_hourly#platform`. */
  through: string;
}

/** `POST /schema-changes/decisions`: the owner ships a change that breaks consumers. */
export interface SchemaChangeDecisionRequest {
  entityRef: string;
  /** The revision the change makes. */
  revision: number;
  reason: string;
  changes: { kind: SchemaChangeKind; path: string; description: string }[];
  consumers: DecidedConsumer[];
}

/** A recorded decision: who shipped which consumer-breaking change, when, and why. */
export interface SchemaChangeDecision extends SchemaChangeDecisionRequest {
  id: string;
  /** The user who decided, from their credentials. */
  decidedBy: string;
  /** ISO 8601. */
  decidedAt: string;
  /** Owners the notice went to. */
  notified: string[];
}

/** `GET /schema-changes/decisions?entityRef=`: newest first. */
export interface SchemaChangeDecisions {
  items: SchemaChangeDecision[];
}

/**
 * Record a decision to ship a change that breaks consumers
 * (`POST /schema-changes/decisions`) on an event type one does not own. Its
 * owners decide without it; this is the platform administrators' override.
 */
export const schemaChangeDecidePermission = createPermission({
  name: 'dataplatform.schemaChange.decide',
  attributes: { action: 'update' },
});

/** Every permission of the schema-change API. */
export const schemaChangePermissions = [schemaChangeDecidePermission];
