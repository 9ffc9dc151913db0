/**
 * Request and response shapes of the personal-data API
 * (`/api/data-platform/pii/...`): which columns of a data endpoint carry
 * personal data because it flows into them along lineage, and where a
 * downstream endpoint's declared marks disagree with what it receives.
 *
 * Declared PII is a schema field's own `pii` mark. Derived PII follows
 * column lineage observed from OpenLineage (the columnLineage facet) from a
 * declared column downstream until a masking transformation (`masking: true`,
 * or the older `MASKED` transformation type) stops it. Where a dataset is
 * known to read another only at dataset level (declared or observed lineage
 * without column lineage), its columns "may contain" the upstream's personal
 * data.
 */

import type { PiiClassification } from '../schema/fields';

/** How sure the portal is that a column carries personal data. */
export type DerivedPiiCertainty =
  /** A column-lineage path from a declared PII column, with no masking on it. */
  | 'derived'
  /** Only dataset-level lineage from an endpoint with PII: no column lineage says which. */
  | 'mayContain';

/** One hop of the path personal data took: a column of a lineage node. */
export type PiiPathStep = {
  /** Lineage node id (an entity ref, or `openlineage:dataset:...`). */
  node: string;
  /** Display name of the node. */
  title: string;
  /** The column's dotted path; absent on a dataset-level hop. */
  column?: string;
  /** The job that wrote this hop, when known (lineage node id). */
  via?: string;
  /**
   * Set on a hop through a node the caller may not read: `node` and `title`
   * are empty and `column` and `via` are left out.
   */
  hidden?: boolean;
};

/** Personal data that reaches a column from upstream. */
export type DerivedPii = {
  certainty: DerivedPiiCertainty;
  /** The classification of the declared column it comes from. */
  classification: PiiClassification;
  /** From the declared source column (first) to this column (last). */
  path: PiiPathStep[];
};

/** What the portal knows about one column's personal data. */
export type ColumnPii = {
  /** Dotted path of the column (`context.device.os`). */
  column: string;
  /** The column's own mark, when its schema declares the column. */
  declared?: PiiClassification;
  /** Personal data reaching it from upstream, strongest first. */
  derived: DerivedPii[];
};

/** Why an endpoint has a finding. */
export type PiiFindingKind =
  /** A column declared `pii: none` receives personal data. */
  | 'declaredNone'
  /** The endpoint declares no PII (or not this column) but receives some. */
  | 'undeclared';

/** A downstream endpoint whose declared marks miss personal data it receives. */
export type PiiFinding = {
  /** The endpoint's entity ref. */
  endpoint: string;
  /** Display name of the endpoint. */
  title: string;
  /** The endpoint's owner (entity ref), when known. */
  owner?: string;
  /** The column; absent when only dataset-level lineage brings the data. */
  column?: string;
  kind: PiiFindingKind;
  certainty: DerivedPiiCertainty;
  classification: PiiClassification;
  /** The path of columns it came through, source first. */
  path: PiiPathStep[];
  /** One sentence a user can act on, naming the column and the source. */
  message: string;
  /** When the portal first found it (ISO 8601). */
  since: string;
};

/** Answer of `GET /pii/endpoint?ref=`: one endpoint's columns and findings. */
export type EndpointPii = {
  ref: string;
  /** Every column with declared or derived personal data. */
  columns: ColumnPii[];
  findings: PiiFinding[];
  /** When propagation last updated this endpoint (ISO 8601), if ever. */
  computedAt?: string;
};

/**
 * Answer of `GET /pii/findings?owner=&limit=&offset=`: findings on the
 * endpoints an owner (a group or user ref) owns, or on all endpoints when no
 * owner is given; endpoints the caller may not read are left out and counted.
 */
export type PiiFindingsPage = {
  items: PiiFinding[];
  total: number;
  /** Findings on endpoints the caller may not read, left out. */
  hidden?: number;
};
