import type { CompatibilityMode } from '../kinds/entities';
import type { SchemaField } from '../schema/fields';

/** What happened to one field between two revisions of a schema. */
export type SchemaChangeKind =
  | 'field-added'
  | 'field-removed'
  | 'field-renamed'
  | 'type-changed'
  | 'mode-changed'
  | 'description-changed'
  | 'pii-changed';

/**
 * The two halves of compatibility. BACKWARD: consumers on the new revision
 * can read events written with the old one. FORWARD: consumers still on the
 * old revision can read events written with the new one.
 */
export type CompatibilityDirection = 'BACKWARD' | 'FORWARD';

/** One difference between two revisions of a schema, and whether readers survive it. */
export interface SchemaChange {
  kind: SchemaChangeKind;
  /** Dotted path of the field in the newer revision (the older one for a removal). */
  path: string;
  /** For a rename: the dotted path the field had before. */
  fromPath?: string;
  /** E.g. `type STRING -> INT64`, `added (REQUIRED STRING)`. */
  description: string;
  before?: SchemaField;
  after?: SchemaField;
  /** New readers can read data written before the change. */
  backward: boolean;
  /** Old readers can read data written after the change. */
  forward: boolean;
}

/** One change a compatibility mode refuses. */
export interface CompatibilityIssue {
  path: string;
  direction: CompatibilityDirection;
  /** The earlier revision the proposed schema was checked against. */
  againstRevision: number;
  change: SchemaChange;
  /** E.g. `context.device.os: type STRING -> INT64 is not BACKWARD compatible`. */
  message: string;
}

/** The verdict on a proposed schema under an event type's compatibility mode. */
export interface CompatibilityReport {
  mode: CompatibilityMode;
  compatible: boolean;
  /** Revisions the proposed schema was checked against, oldest first. */
  checkedAgainst: number[];
  /** The changes against the latest earlier revision (all of them, compatible or not). */
  changes: SchemaChange[];
  /** Every refused change, against every revision checked. */
  issues: CompatibilityIssue[];
}
