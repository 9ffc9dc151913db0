import type { DesiredAlert } from '../alerts/planAlerts';
import { severityOf } from '../alerts/severity';
import type { HealthSettings } from '../healthSettings';
import type {
  FoundRootCause,
  ProblemPartition,
} from '../rootCause/findRootCause';
import type { ReadersCache } from '../rootCause/downstreamReaders';
import { openKey } from '../store/AlertStore';
import type { HealthPipeline } from '../store/PipelineStore';
import type { PipelineProblem } from '../sweep/pipelineProblems';
import { stringifyBadDataDetails } from './badDataDetails';
import type { BadDataProblem } from './findBadData';

/** Readers named on one alert at most (its notices list the owners). */
const MAX_READERS = 200;

/** A bad-data problem judged: its alert, and how its pipeline's status shows it. */
export type JudgedBadData = {
  alert: DesiredAlert;
  problem: PipelineProblem;
};

/** The problem partition a bad-data problem is, for root causes. */
export function badPartition(problem: BadDataProblem): ProblemPartition {
  return {
    pipelineRef: problem.subjectRef,
    start: problem.start,
    end: problem.end,
    state: 'bad_data',
  };
}

/**
 * The alert each bad partition calls for: one per pipeline and partition
 * with its failing checks, however many there are. Its root cause is the
 * bad, late or failed upstream partition it was written from, if any;
 * otherwise it is a root cause itself and names the pipelines reading the
 * bad data downstream (their owners get one "expected bad data" notice).
 * Severity follows the pipeline's lifecycle like a late partition's, one
 * level up once the alert has been open `escalateAfterMs`, one down when
 * caused upstream.
 */
export async function judgeBadData(options: {
  problems: BadDataProblem[];
  pipelines: Map<string, HealthPipeline>;
  causeOf: (partition: ProblemPartition) => FoundRootCause | undefined;
  /** When the live alert of a key was opened. */
  openedAt: Map<string, number>;
  readers: ReadersCache;
  now: number;
  settings: Pick<HealthSettings, 'escalateAfterMs'>;
}): Promise<JudgedBadData[]> {
  const { pipelines, now } = options;
  const judged: JudgedBadData[] = [];
  if (options.problems.length > 0) await options.readers.sync();
  for (const bad of options.problems) {
    const cause = options.causeOf(badPartition(bad));
    const key = openKey({
      pipelineRef: bad.subjectRef,
      problem: 'bad_data',
      partitionStart: bad.partitionStart,
    });
    const since = Math.min(options.openedAt.get(key) ?? now, now);
    const readers = cause
      ? []
      : (
          await options.readers.get([
            ...new Set(bad.checks.map(c => c.endpointRef)),
          ])
        )
          .filter(ref => ref !== bad.subjectRef && pipelines.has(ref))
          .sort()
          .slice(0, MAX_READERS);
    const severity = severityOf({
      lifecycle: pipelines.get(bad.subjectRef)?.lifecycle ?? '',
      overdueMs: now - since,
      escalateAfterMs: options.settings.escalateAfterMs,
      causedUpstream: !!cause,
    });
    judged.push({
      alert: {
        pipelineRef: bad.subjectRef,
        problem: 'bad_data',
        ...(bad.partitionStart !== undefined
          ? { partitionStart: bad.partitionStart }
          : {}),
        severity,
        details: stringifyBadDataDetails({ checks: bad.checks, readers }),
        ...(cause
          ? {
              rootCause: JSON.stringify(cause),
              rootCauseRef: cause.chain[cause.chain.length - 1].pipelineRef,
            }
          : {}),
      },
      problem: {
        pipelineRef: bad.subjectRef,
        problem: 'bad_data',
        state: 'bad_data',
        partition: bad.partitionStart ?? bad.start,
        since,
        overdueMs: now - since,
      },
    });
  }
  return judged;
}
