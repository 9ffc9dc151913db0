import { calendarFor, Period } from '../schedule/periods';
import type { HealthPipeline } from '../store/PipelineStore';
import type { RunRow } from '../store/RunStore';

/** The run times the partition of a run is derived from. */
type RunTiming = {
  nominalStart?: number;
  startedAt?: number;
  firstEventAt: number;
};

/** The run times of a stored run. */
export function storedRunTiming(run: RunRow): RunTiming {
  return {
    nominalStart: run.nominal_start ?? undefined,
    startedAt: run.started_at ?? undefined,
    firstEventAt: run.first_event_at,
  };
}

/**
 * The partition a batch run is for: the period its nominal start time
 * (OpenLineage nominalTime facet) falls in; without one, the period that
 * ended last before the run started, which is the period a scheduler fires
 * it for. Undefined for streaming pipelines, which have no partitions.
 */
export function partitionOfRun(
  pipeline: Pick<HealthPipeline, 'schedule'>,
  run: RunTiming,
): Period | undefined {
  const { schedule } = pipeline;
  if (schedule.type === 'streaming') return undefined;
  const calendar = calendarFor({ ...schedule, type: schedule.type });
  if (run.nominalStart !== undefined)
    return calendar.periodAt(run.nominalStart);
  const started = run.startedAt ?? run.firstEventAt;
  const current = calendar.periodAt(started);
  return calendar.periodAt(current.start - 1);
}
