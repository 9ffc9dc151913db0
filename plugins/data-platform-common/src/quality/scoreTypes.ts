import type { QualitySeverity } from '../kinds/entities';
import type { SchemaField } from '../schema/fields';
import type { QualityCheckResult } from './types';

/** The parts an endpoint's score is made of. */
export const SCORE_COMPONENTS = [
  'timeliness',
  'checks',
  'volume',
  'stewardship',
] as const;

/** One of {@link SCORE_COMPONENTS}. */
export type ScoreComponentName = (typeof SCORE_COMPONENTS)[number];

/** How much each component counts; renormalized over the components present. */
export type ScoreWeights = Record<ScoreComponentName, number>;

/** One check's result on one partition, as the score reads it. */
export type ScoredCheckResult = Pick<
  QualityCheckResult,
  'name' | 'type' | 'severity' | 'status'
> & {
  /** The partition judged (its start); absent for an unpartitioned table. */
  partition?: string;
  /** When it was judged, ISO 8601. */
  evaluatedAt: string;
  message?: string;
  /** The runner or emitter that judged it (see {@link ScoreDeduction}). */
  source?: string;
};

/** A schema's fields counted: all, described, PII-classified. */
export type FieldStats = {
  total: number;
  documented: number;
  classified: number;
};

/** What an endpoint's score is computed from. */
export type ScoreInputs = {
  /** The time the score is for, ISO 8601. */
  now: string;
  /** The latest result per check and partition over the recent window. */
  checkResults?: ScoredCheckResult[];
  /** The recent window's partitions by how they landed (pipeline health). */
  timeliness?: {
    onTime: number;
    landedLate: number;
    late: number;
    failed: number;
  };
  stewardship: {
    owner: string;
    /** Whether the owner is a Group or User the catalog knows. */
    ownerKnown: boolean;
    /** The declared fields (own or the event type's), when known. */
    fields?: SchemaField[];
    /** Instead of `fields`: their counts, when they were taken beforehand. */
    fieldStats?: FieldStats;
  };
};

/** Points taken off the endpoint's score (0-100), and why. */
export type ScoreDeduction = {
  points: number;
  reason: string;
  checkName?: string;
  severity?: QualitySeverity;
  /** Milliseconds since the failure counted was seen. */
  age?: number;
  /** When the failure counted was judged, ISO 8601. */
  evaluatedAt?: string;
  /**
   * Who judged it: a warehouse runner (`local-warehouse`, `bigquery`), or an
   * emitter whose results came through OpenLineage (`dbt`,
   * `great_expectations`, `soda`).
   */
  source?: string;
};

/** One component: its own score, its share of the total, and its deductions. */
export type ScoreComponent = {
  /** 0-100, or null when the component is left out. */
  score: number | null;
  /** Its share of the total after renormalizing (0 when left out). */
  weight: number;
  deductions: ScoreDeduction[];
  /** Why it is left out of the score. */
  excluded?: string;
};

/** An endpoint's score with every deducted point traced to its cause. */
export type EndpointScore = {
  /** 0-100; 100 minus the sum of every component's deduction points. */
  score: number;
  components: Record<ScoreComponentName, ScoreComponent>;
  /** E.g. `checks left out (no checks declared); weights renormalized over timeliness, volume, stewardship`. */
  note?: string;
};
