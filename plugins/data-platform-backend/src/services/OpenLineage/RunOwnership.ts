import type { ValidatedEvent } from '@dataplatform/backstage-plugin-data-platform-node';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import { INSERT_BATCH } from './OpenLineageEventLog';

const TABLE = 'openlineage_run_jobs';

/** The run and job an event names (RunEvents only: others have no run). */
export type RunOfEvent = {
  runId: string | null;
  jobNamespace: string | null;
  jobName: string | null;
};

const NO_RUN: RunOfEvent = { runId: null, jobNamespace: null, jobName: null };

/** The run and job of a validated event. */
export function runOfEvent(e: ValidatedEvent): RunOfEvent {
  if (e.kind !== 'RunEvent') return NO_RUN;
  const { run, job } = e.event;
  return {
    runId: run?.runId ?? null,
    jobNamespace: job?.namespace ?? null,
    jobName: job?.name ?? null,
  };
}

/** An event whose run id belongs to another job, and that job. */
export type ForeignRun = { position: number; owner: string };

/**
 * Run ids belong to the job that first used them. A scheduler that reuses
 * a run id under another job name (by mistake, or a sender forging another
 * team's failure) must not close or change that job's run: its events are
 * refused. The claim is an insert that ignores a taken run id, inside the
 * batch's transaction, so two concurrent batches claiming one run id for
 * two jobs end with one owner and the other batch's events refused.
 */
export class RunOwnership {
  constructor(private readonly db: Knex) {}

  /**
   * Claims the unclaimed run ids of `events` (for the job of the first
   * event that names each one) and answers the positions of the events
   * whose run id belongs to another job.
   */
  async claim(
    tx: Knex.Transaction,
    events: RunOfEvent[],
    claimedAt: number,
  ): Promise<ForeignRun[]> {
    const firstJob = new Map<string, { namespace: string; name: string }>();
    for (const e of events) {
      if (!e.runId || e.jobNamespace === null || e.jobName === null) continue;
      if (!firstJob.has(e.runId)) {
        firstJob.set(e.runId, { namespace: e.jobNamespace, name: e.jobName });
      }
    }
    if (firstJob.size === 0) return [];
    // Sorted, so that concurrent batches lock shared run ids in one order.
    const runIds = [...firstJob.keys()].sort();
    const owners = new Map<string, string>();
    for (const batch of chunk(runIds, INSERT_BATCH)) {
      const claimed: { run_id: string }[] = await tx(TABLE)
        .insert(
          batch.map(runId => ({
            run_id: runId,
            job_namespace: firstJob.get(runId)!.namespace,
            job_name: firstJob.get(runId)!.name,
            claimed_at: claimedAt,
          })),
        )
        .onConflict('run_id')
        .ignore()
        .returning('run_id');
      for (const { run_id } of claimed) {
        const job = firstJob.get(run_id)!;
        owners.set(run_id, jobKey(job.namespace, job.name));
      }
      // Only the run ids claimed before are read back.
      const before = batch.filter(runId => !owners.has(runId));
      if (before.length === 0) continue;
      const rows: {
        run_id: string;
        job_namespace: string;
        job_name: string;
      }[] = await tx(TABLE)
        .select('run_id', 'job_namespace', 'job_name')
        .whereIn('run_id', before);
      for (const row of rows) {
        owners.set(row.run_id, jobKey(row.job_namespace, row.job_name));
      }
    }
    const foreign: ForeignRun[] = [];
    events.forEach((e, position) => {
      if (!e.runId || e.jobNamespace === null || e.jobName === null) return;
      const owner = owners.get(e.runId);
      if (owner !== undefined && owner !== jobKey(e.jobNamespace, e.jobName)) {
        foreign.push({ position, owner: owner.replace('\u0000', '/') });
      }
    });
    return foreign;
  }

  /** Forgets run ids claimed before `claimedBefore` (the raw events' retention). */
  async prune(claimedBefore: number): Promise<number> {
    return this.db(TABLE).where('claimed_at', '<', claimedBefore).delete();
  }
}

function jobKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}
