/**
 * Request and response shapes of the pipeline-health API
 * (`/api/data-platform/health/...`). Times are ISO 8601 strings in UTC;
 * durations are milliseconds. A partition is named by the start of its
 * period (`2026-11-26T09:00:00.000Z` for the 09:00 hour).
 */

/** State of one run of a pipeline, as OpenLineage RunEvents report it. */
export type RunState = 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT';

/** One run of a pipeline for one partition (one attempt). */
export type PipelineRun = {
  runId: string;
  pipelineRef: string;
  /** Start of the partition period the run is for. */
  partition: string;
  state: RunState;
  /** 1 for the first run of a partition, 2 for its first retry, ... */
  attempt: number;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  /** From the errorMessage run facet. */
  failureReason?: string;
  /** From the parent run facet. */
  parentRunId?: string;
};

/**
 * Where a partition stands against its deadline:
 * - pending: its deadline has not passed, no run yet
 * - running: a run is under way, deadline not passed
 * - landed_on_time / landed_late: a run completed, before / after the deadline
 * - late: the deadline passed and it has not landed (with or without a run)
 * - failed: the latest run failed and no later one succeeded
 * - backfilled: landed by a run started long after the period (a re-run)
 */
export type PartitionState =
  | 'pending'
  | 'running'
  | 'landed_on_time'
  | 'landed_late'
  | 'late'
  | 'failed'
  | 'backfilled';

/**
 * A partition's state as health reports it: where it stands against its
 * deadline, or `bad_data`: it landed, but the latest result of a critical
 * quality check of the data it wrote fails.
 */
export type HealthState = PartitionState | 'bad_data';

/**
 * The first late, failed or bad upstream partition, and the chain leading
 * to it. A late or failed partition is blamed on late or failed ones only;
 * a bad one on any of the three (a pipeline that read a partial or bad
 * partition writes bad data).
 */
export type RootCause = {
  /** From the judged partition's direct upstream to the root cause, in order. */
  chain: RootCauseStep[];
};

/**
 * One upstream partition in a root-cause chain. A pipeline the caller may
 * not read in the catalog is there as `hidden`, without its ref: the chain
 * still says how far upstream the cause lies.
 */
export type RootCauseStep =
  | { pipelineRef: string; partition: string; state: HealthState }
  | { hidden: true; partition: string; state: HealthState };

/** One partition of one pipeline. */
export type PartitionStatus = {
  pipelineRef: string;
  partition: string;
  periodEnd: string;
  /** End of period + SLA. */
  deadline: string;
  state: PartitionState;
  landedAt?: string;
  /** How far past the deadline it is (late) or landed (landed_late). */
  lateByMs?: number;
  attempts: number;
  latestRunId?: string;
  failureReason?: string;
  rootCause?: RootCause;
};

/** Life of an alert. */
export type AlertState = 'open' | 'acknowledged' | 'snoozed' | 'resolved';

/**
 * What an alert is about. `bad_data`: a critical quality check fails on a
 * partition the pipeline wrote (one alert per partition, whatever the
 * number of failing checks).
 */
export type AlertProblem = 'late' | 'failed' | 'stale' | 'bad_data';

/** A failing critical quality check behind a `bad_data` alert. */
export type FailedQualityCheck = {
  /** The DataEndpoint checked; its Quality tab has the details. */
  endpointRef: string;
  /** The check's name, as the Quality tab lists it. */
  check: string;
  /** What failed, for people: `null rate of country 3.2% > 1%`. */
  message: string;
  /** The runner that ran it, or the emitter that reported it (`dbt`, ...). */
  source: string;
};

/** How urgent an alert is, from the pipeline's lifecycle and how late it is. */
export type AlertSeverity = 'critical' | 'high' | 'normal' | 'low';

/** One entry in an alert's history. */
export type AlertEvent = {
  at: string;
  action:
    | 'opened'
    | 'escalated'
    | 'acknowledged'
    | 'snoozed'
    | 'unsnoozed'
    | 'resolved'
    | 'reopened'
    | 'notified';
  /** Entity ref of the user, or `system`. */
  by: string;
  note?: string;
};

/** One alert: one pipeline, one problem, however many sweeps saw it. */
export type PipelineAlert = {
  id: string;
  pipelineRef: string;
  problem: AlertProblem;
  /** The partition that opened it (the earliest one still affected). */
  partition: string;
  severity: AlertSeverity;
  state: AlertState;
  openedAt: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  snoozedUntil?: string;
  resolvedAt?: string;
  /** Entity ref of the user who resolved it, or `system` when it landed or succeeded. */
  resolvedBy?: string;
  /**
   * Set when the problem is caused upstream: this alert is an "expected
   * delay" (or, for bad data, "expected bad data").
   */
  rootCause?: RootCause;
  /** A `bad_data` alert's failing critical checks. */
  failedChecks?: FailedQualityCheck[];
  history: AlertEvent[];
};

/** Freshness of a data endpoint, from the pipelines that write it. */
export type EndpointFreshness = {
  endpointRef: string;
  /** Latest partition landed by any writer, and when. */
  latestPartition?: string;
  landedAt?: string;
  /** For streaming writers: time since the last output was observed. */
  stalenessMs?: number;
  state: 'fresh' | 'late' | 'failed' | 'unknown';
  writers: { pipelineRef: string; state: PartitionState; partition?: string }[];
  /**
   * Writers the caller may not read in the catalog: left out of `writers`,
   * though their state counts in the endpoint's.
   */
  hiddenWriters?: number;
};

/**
 * Where a pipeline stands now, as the last health sweep left it: the one
 * answer the on-call list, the Health tab, the Overview, the catalog list
 * and the notifications all give. A problem is the newest unbroken streak
 * of failed (or late) partitions; an older failed partition with landed
 * ones after it is an earlier problem, not this one.
 */
export type PipelineCurrentState = {
  /** The worst current problem, or `healthy`. */
  state: HealthState | 'healthy';
  /** First partition of the current problem. */
  partition?: string;
  /** Newest partition of the current problem, when it spans several. */
  lastPartition?: string;
  /** How far past its first partition's deadline it is now. */
  lateByMs?: number;
  /**
   * When the problem began: when the first partition's first failed run
   * ended, or when its deadline passed (not when an alert was opened).
   */
  since?: string;
  /** The reason the newest failed run gave. */
  failureReason?: string;
  rootCause?: RootCause;
  /** Owner (entity ref) of the pipeline at the end of `rootCause`'s chain. */
  rootCauseOwner?: string;
  alert?: Pick<
    PipelineAlert,
    'id' | 'state' | 'severity' | 'snoozedUntil' | 'failedChecks'
  >;
};

/** One row of the on-call list: a pipeline's current state. */
export type OnCallRow = PipelineCurrentState & {
  pipelineRef: string;
  title: string;
  owner: string;
  lifecycle: string;
};

/** Query of `GET /health/oncall`. */
export type OnCallQuery = {
  /**
   * Owner entity refs; the page passes the user's teams for "my teams". In
   * the query string: repeat `owners=` or separate refs with commas.
   */
  owners?: string[];
  /** `problems` (default): late, failed or bad data now; `all`: every pipeline. */
  filter?: 'problems' | 'all';
  /** Default `severity` (most severe, then oldest first). */
  sort?: 'severity' | 'age' | 'name';
  offset?: number;
  /** Default 50, at most 500. */
  limit?: number;
};

/**
 * Answer of `GET /health/oncall`. `total` counts every pipeline the query
 * matches; `hidden` how many of this page's were left out because the caller
 * may not read them in the catalog.
 */
export type OnCallPage = {
  rows: OnCallRow[];
  total: number;
  hidden?: number;
  /**
   * Bad data in endpoints no pipeline health knows writes (its alert's
   * subject is the endpoint): `pipelineRef` is the endpoint's ref. Listed
   * with the first page, as many as there are, filtered by owners alike.
   */
  endpoints?: OnCallRow[];
};

/** Body of `POST /health/pipeline-states`: up to 1,000 pipeline entity refs. */
export type PipelineStatesRequest = { pipelines: string[] };

/**
 * Answer of `POST /health/pipeline-states`: the status the last sweep left
 * for each of the pipelines asked for that pipeline health knows (others are
 * left out), as the on-call list shows it.
 */
export type PipelineStates = {
  rows: OnCallRow[];
  /** How many were left out because the caller may not read them. */
  hidden?: number;
};

/** Answer of `GET /health/pipelines/:namespace/:name`. */
export type PipelineHealth = {
  pipelineRef: string;
  /** Where it stands now: the same answer as its on-call row. */
  current: PipelineCurrentState;
  runs: PipelineRun[];
  partitions: PartitionStatus[];
  alerts: PipelineAlert[];
};

/** Body of `POST /health/alerts/:id/snooze`. */
export type SnoozeRequest = { until: string; note?: string };

/** Body of `POST /health/alerts/:id/acknowledge` and `.../resolve` (may be empty). */
export type AlertActionRequest = { note?: string };
