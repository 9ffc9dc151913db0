import { NotFoundError } from '@backstage/errors';
import {
  EndpointFreshness,
  FailedQualityCheck,
  isVisibleStep,
  OnCallRow,
  PipelineCurrentState,
  PipelineAlert,
  PipelineHealth,
  RootCause,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { UnreadableEntities } from '../../CatalogReadAccess';

/*
 * Health answers as one caller may see them: pipelines and endpoints are
 * catalog entities, and an answer names none that the catalog would not show
 * the caller. What is about one such entity answers 404, as the catalog does;
 * a list leaves it out and says how many it left out; a root-cause chain keeps
 * the step (its partition and state: how far up the cause lies) without the
 * pipeline's name. Each answer asks about all its refs at once: one catalog
 * request per 500 refs when the decision is conditional, none otherwise.
 */

type Refs = (string | undefined)[];

const rootCauseRefs = (rootCause?: RootCause): Refs =>
  rootCause?.chain.map(step =>
    isVisibleStep(step) ? step.pipelineRef : undefined,
  ) ?? [];

const checkRefs = (checks?: FailedQualityCheck[]): Refs =>
  checks?.map(c => c.endpointRef) ?? [];

const alertRefs = (
  alert: Pick<PipelineAlert, 'rootCause' | 'failedChecks'>,
) => [...rootCauseRefs(alert.rootCause), ...checkRefs(alert.failedChecks)];

const rowRefs = (row: PipelineCurrentState & { pipelineRef: string }): Refs => [
  row.pipelineRef,
  ...rootCauseRefs(row.rootCause),
  ...(row.alert ? checkRefs(row.alert.failedChecks) : []),
];

async function unreadableAmong(
  refs: Refs,
  unreadableOf: UnreadableEntities,
): Promise<Set<string>> {
  const unique = new Set(refs.filter((r): r is string => r !== undefined));
  return unreadableOf([...unique]);
}

function visibleRootCause(
  rootCause: RootCause | undefined,
  unreadable: Set<string>,
): RootCause | undefined {
  if (!rootCause) return undefined;
  return {
    chain: rootCause.chain.map(step =>
      isVisibleStep(step) && unreadable.has(step.pipelineRef)
        ? { hidden: true, partition: step.partition, state: step.state }
        : step,
    ),
  };
}

/** An alert without the names of what the caller may not read. */
function visibleAlertParts<
  A extends Pick<PipelineAlert, 'rootCause' | 'failedChecks'>,
>(alert: A, unreadable: Set<string>): A {
  return {
    ...alert,
    ...(alert.rootCause
      ? { rootCause: visibleRootCause(alert.rootCause, unreadable) }
      : {}),
    ...(alert.failedChecks
      ? {
          failedChecks: alert.failedChecks.filter(
            c => !unreadable.has(c.endpointRef),
          ),
        }
      : {}),
  };
}

/** A current state without the names of what the caller may not read. */
function visibleCurrent<S extends PipelineCurrentState>(
  current: S,
  unreadable: Set<string>,
): S {
  const rootCause = visibleRootCause(current.rootCause, unreadable);
  const last = rootCause?.chain[rootCause.chain.length - 1];
  const { rootCauseOwner, ...rest } = current;
  return {
    ...rest,
    ...(rootCause ? { rootCause } : {}),
    ...(rootCauseOwner && last && isVisibleStep(last)
      ? { rootCauseOwner }
      : {}),
    ...(current.alert
      ? { alert: visibleAlertParts(current.alert, unreadable) }
      : {}),
  } as S;
}

/**
 * On-call rows without the pipelines the caller may not read, and how many
 * were left out.
 */
export async function visibleOnCallRows(
  rows: OnCallRow[],
  unreadableOf: UnreadableEntities,
): Promise<{ rows: OnCallRow[]; hidden?: number }> {
  const unreadable = await unreadableAmong(rows.flatMap(rowRefs), unreadableOf);
  if (unreadable.size === 0) return { rows };
  const visible = rows
    .filter(row => !unreadable.has(row.pipelineRef))
    .map(row => visibleCurrent(row, unreadable));
  const hidden = rows.length - visible.length;
  return { rows: visible, ...(hidden > 0 ? { hidden } : {}) };
}

/** The 404 of a pipeline the caller may not read: that of an unknown one. */
export function noSuchPipeline(pipelineRef: string): NotFoundError {
  return new NotFoundError(`No pipeline "${pipelineRef}" in pipeline health`);
}

/** One pipeline's health, or 404 when the caller may not read it. */
export async function visiblePipelineHealth(
  health: PipelineHealth,
  unreadableOf: UnreadableEntities,
): Promise<PipelineHealth> {
  const unreadable = await unreadableAmong(
    [
      health.pipelineRef,
      ...rowRefs({ ...health.current, pipelineRef: health.pipelineRef }),
      ...health.partitions.flatMap(p => rootCauseRefs(p.rootCause)),
      ...health.alerts.flatMap(alertRefs),
    ],
    unreadableOf,
  );
  if (unreadable.size === 0) return health;
  if (unreadable.has(health.pipelineRef)) {
    throw noSuchPipeline(health.pipelineRef);
  }
  return {
    ...health,
    current: visibleCurrent(health.current, unreadable),
    partitions: health.partitions.map(p =>
      p.rootCause
        ? { ...p, rootCause: visibleRootCause(p.rootCause, unreadable) }
        : p,
    ),
    alerts: health.alerts.map(a => visibleAlertParts(a, unreadable)),
  };
}

/**
 * An alert the caller acted on, without the names of what they may not read
 * (the alert's own pipeline they may read: see AlertActions).
 */
export async function visibleAlert(
  alert: PipelineAlert,
  unreadableOf: UnreadableEntities,
): Promise<PipelineAlert> {
  const unreadable = await unreadableAmong(alertRefs(alert), unreadableOf);
  return unreadable.size === 0 ? alert : visibleAlertParts(alert, unreadable);
}

/**
 * An endpoint's freshness without the writers the caller may not read, or
 * 404 when they may not read the endpoint. Hidden writers still count in the
 * endpoint's state: that is the endpoint's, which the caller may read.
 */
export async function visibleFreshness(
  freshness: EndpointFreshness,
  unreadableOf: UnreadableEntities,
): Promise<EndpointFreshness> {
  const unreadable = await unreadableAmong(
    [freshness.endpointRef, ...freshness.writers.map(w => w.pipelineRef)],
    unreadableOf,
  );
  if (unreadable.size === 0) return freshness;
  if (unreadable.has(freshness.endpointRef)) {
    throw new NotFoundError(`No data endpoint ${freshness.endpointRef}`);
  }
  const writers = freshness.writers.filter(w => !unreadable.has(w.pipelineRef));
  return {
    ...freshness,
    writers,
    hiddenWriters: freshness.writers.length - writers.length,
  };
}
