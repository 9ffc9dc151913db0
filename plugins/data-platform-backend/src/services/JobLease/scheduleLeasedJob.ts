import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { HeldLease, JobLease, LeaseLostError, LeaseSettings } from './JobLease';

/** How much sooner than planned the scheduler's timer may call a task. */
const TIMER_SLACK_MS = 50;

/**
 * Schedules a singleton job under its lease. The task is local: every
 * instance checks every `checkEveryMs` whether the job is due and free,
 * and the lease (not the scheduler) makes one instance run it.
 *
 * Why not the scheduler's global scope: its lock is held until the task's
 * timeout, and only a janitor pass (once a minute) frees it after a
 * kill -9, so a crashed instance's job waits timeout + up to a minute.
 * Takeover under two minutes would need timeouts under a minute, which a
 * sweep after a burst or a provisioning apply outlasts. A lease renewed
 * while the work runs is lost `leaseMs` after its holder dies, so the job
 * is taken over within `leaseMs + checkEveryMs` (40 s by default), while
 * `timeoutMs` may stay as long as a run may need.
 *
 * A manual trigger (the scheduler's `triggerTask`, or its
 * `/.backstage/scheduler/v1/tasks/<id>/trigger` route) runs the job at
 * once when no other instance holds it, due or not: it is told from the
 * scheduler's own calls by coming sooner than the next of them.
 */
export async function scheduleLeasedJob(
  deps: {
    db: Knex;
    scheduler: SchedulerService;
    logger: LoggerService;
    leases: LeaseSettings;
  },
  job: {
    /** The scheduler's task id. */
    id: string;
    /** The job's lease, or its name in `job_leases`. */
    lease: JobLease | string;
    frequencyMs: number;
    timeoutMs: number;
    initialDelayMs: number;
    run: (lease: HeldLease) => Promise<void>;
  },
): Promise<void> {
  const { scheduler, logger, leases: settings } = deps;
  const lease =
    typeof job.lease === 'string'
      ? new JobLease(deps.db, job.lease, settings)
      : job.lease;
  const checkEveryMs = Math.min(settings.checkEveryMs, job.frequencyMs);
  // The scheduler calls a local task no sooner than this after its
  // previous call began (or after the initial delay); a call that comes
  // sooner is a manual trigger, which runs the job though it is not due.
  let nextCallAt = Date.now() + job.initialDelayMs;
  await scheduler.scheduleTask({
    id: job.id,
    scope: 'local',
    frequency: { milliseconds: checkEveryMs },
    timeout: { milliseconds: job.timeoutMs },
    initialDelay: { milliseconds: job.initialDelayMs },
    fn: async signal => {
      const calledAt = Date.now();
      const triggered = calledAt < nextCallAt - TIMER_SLACK_MS;
      nextCallAt = calledAt + checkEveryMs;
      try {
        await lease.run(job.run, {
          signal: signal as AbortSignal,
          everyMs: job.frequencyMs,
          evenIfNotDue: triggered,
        });
      } catch (error) {
        if (
          !(signal as AbortSignal).aborted &&
          !(error instanceof LeaseLostError)
        ) {
          throw error;
        }
        logger.warn(`${job.id} stopped before it completed: ${error}`);
      }
    },
  });
}
