import type { LineageJobRun } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';
import { RunRow, toRunRow } from '../store/RunStore';

const BATCH = 200;

type Job = { namespace: string; name: string };

const jobKey = (job: Job) => `${job.namespace}\u0000${job.name}`;
const iso = (ms: number | null) =>
  ms === null ? undefined : new Date(ms).toISOString();

/**
 * The latest run of OpenLineage jobs, whether a Pipeline claims them or not:
 * the stored runs are keyed by the job's namespace and name, so that the
 * catalog gaps show what jobs the catalog does not know did last, and a
 * Pipeline registered later with that identity takes their runs over.
 */
export class JobRunsQuery {
  constructor(private readonly db: Knex) {}

  /**
   * Each job's latest run (by its latest event; of two, the one that started
   * later), by `namespace\0name`. One sort of each job's runs: a job that
   * ran 35,000 times is answered in about 100 ms, where a per-run subquery
   * for the job's newest event read its runs once for each of them.
   */
  async latest(jobs: Job[]): Promise<Map<string, LineageJobRun>> {
    const latest = new Map<string, RunRow>();
    for (const batch of chunk(jobs, BATCH)) {
      const ranked = this.db('health_runs')
        .select(
          'run_id',
          this.db.raw(
            'row_number() over (partition by job_namespace, job_name ' +
              'order by last_event_at desc, coalesce(started_at, 0) desc, ' +
              'run_id) as recency',
          ),
        )
        .whereIn(
          ['job_namespace', 'job_name'],
          batch.map(j => [j.namespace, j.name]),
        )
        .as('k');
      const rows: Record<string, unknown>[] = await this.db('health_runs as r')
        .select('r.*')
        .join(ranked, 'k.run_id', 'r.run_id')
        .where('k.recency', 1);
      for (const raw of rows) {
        const row = toRunRow(raw);
        latest.set(
          jobKey({ namespace: row.job_namespace, name: row.job_name }),
          row,
        );
      }
    }
    return new Map(
      [...latest].map(([key, row]) => [
        key,
        {
          runId: row.run_id,
          state: row.state,
          at: iso(row.last_event_at)!,
          ...(row.started_at !== null
            ? { startedAt: iso(row.started_at) }
            : {}),
          ...(row.ended_at !== null ? { endedAt: iso(row.ended_at) } : {}),
          ...(row.failure_reason ? { failureReason: row.failure_reason } : {}),
        },
      ]),
    );
  }
}

/** The key `JobRunsQuery.latest` answers a job's run under. */
export { jobKey as jobRunKey };
