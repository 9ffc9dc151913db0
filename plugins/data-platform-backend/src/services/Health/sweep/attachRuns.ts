import { partitionOfRun, storedRunTiming } from '../partitions/runPartition';
import type { HealthPipeline } from '../store/PipelineStore';
import type { RunRow } from '../store/RunStore';

/** What attaching a batch of changed runs to pipelines and partitions found. */
export type RunAttachment = {
  /** Runs whose pipeline or partition changed. */
  assignments: {
    runId: string;
    pipelineRef: string | null;
    partitionStart: number | null;
  }[];
  /** Partitions whose runs changed: their facts need recomputing. */
  touched: { pipelineRef: string; start: number }[];
  /** Streaming pipelines whose runs changed. */
  touchedStreams: Set<string>;
  /** The earliest partition with a run, per pipeline, among these runs. */
  firstRunPartitions: Map<string, number>;
};

const jobKey = (namespace: string, name: string) => `${namespace}\u0000${name}`;

/** Pipelines' refs by their OpenLineage job, to attach runs with. */
export type JobIndex = Map<string, string>;

/** The index of `pipelines`; valid while the pipelines are the same. */
export function jobIndex(pipelines: Iterable<HealthPipeline>): JobIndex {
  const byJob: JobIndex = new Map();
  for (const p of pipelines) {
    if (p.openLineage)
      byJob.set(
        jobKey(p.openLineage.namespace, p.openLineage.name),
        p.entityRef,
      );
  }
  return byJob;
}

/**
 * Settles which pipeline and partition each changed run is for. Runs of jobs
 * no pipeline claims stay unattached until a pipeline with that OpenLineage
 * identity is registered (the catalog sync marks them dirty again then).
 */
export function attachRuns(
  runs: RunRow[],
  pipelines: Map<string, HealthPipeline>,
  jobs: JobIndex = jobIndex(pipelines.values()),
): RunAttachment {
  const attachment: RunAttachment = {
    assignments: [],
    touched: [],
    touchedStreams: new Set(),
    firstRunPartitions: new Map(),
  };
  const touched = new Set<string>();
  const touch = (pipelineRef: string, start: number) => {
    const key = `${pipelineRef}@${start}`;
    if (touched.has(key)) return;
    touched.add(key);
    attachment.touched.push({ pipelineRef, start });
  };

  for (const run of runs) {
    const ref = jobs.get(jobKey(run.job_namespace, run.job_name));
    const pipeline = ref === undefined ? undefined : pipelines.get(ref);
    let partitionStart: number | null = null;
    if (pipeline) {
      try {
        const period = partitionOfRun(pipeline, storedRunTiming(run));
        partitionStart = period?.start ?? null;
      } catch {
        // A schedule the calendar cannot read (bad cron or zone): no partition.
        partitionStart = null;
      }
    }
    const pipelineRef = pipeline?.entityRef ?? null;
    if (
      run.pipeline_ref !== pipelineRef ||
      run.partition_start !== partitionStart
    ) {
      attachment.assignments.push({
        runId: run.run_id,
        pipelineRef,
        partitionStart,
      });
      // The partition it left has one run less.
      if (run.pipeline_ref && run.partition_start !== null) {
        touch(run.pipeline_ref, run.partition_start);
      }
    }
    if (!pipelineRef) continue;
    if (partitionStart === null) {
      attachment.touchedStreams.add(pipelineRef);
      continue;
    }
    touch(pipelineRef, partitionStart);
    const first = attachment.firstRunPartitions.get(pipelineRef);
    if (first === undefined || partitionStart < first) {
      attachment.firstRunPartitions.set(pipelineRef, partitionStart);
    }
  }
  return attachment;
}
