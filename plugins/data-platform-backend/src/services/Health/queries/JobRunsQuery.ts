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

  /** Each job's latest run (by its latest event), by `namespace\0name`. */
  async latest(jobs: Job[]): Promise<Map<string, LineageJobRun>> {
    const latest = new Map<string, RunRow>();
    for (const batch of chunk(jobs, BATCH)) {
      const rows: Record<string, unknown>[] = await this.db('health_runs as r')
        .select('r.*')
        .whereIn(
          ['r.job_namespace', 'r.job_name'],
          batch.map(j => [j.namespace, j.name]),
        )
        .where(
          'r.last_event_at',
          this.db('health_runs as l')
            .max('l.last_event_at')
            .where('l.job_namespace', this.db.ref('r.job_namespace'))
            .andWhere('l.job_name', this.db.ref('r.job_name')),
        );
      for (const raw of rows) {
        const row = toRunRow(raw);
        const key = jobKey({
          namespace: row.job_namespace,
          name: row.job_name,
        });
        const known = latest.get(key);
        // Two runs with one latest event: the one that started later.
        if (!known || (row.started_at ?? 0) > (known.started_at ?? 0)) {
          latest.set(key, row);
        }
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
