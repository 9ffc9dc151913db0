import {
  EndpointScore,
  fieldStats,
  ScoredCheckResult,
  scoreEndpoint,
  ScoreInputs,
  ScoreOptions,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { chunk } from '../../database/chunk';
import type {
  QualityCatalogStore,
  ScoringEndpoint,
} from './store/QualityCatalogStore';
import type {
  QualityResultStore,
  StoredResult,
} from './store/QualityResultStore';
import { UNPARTITIONED } from './store/QualityResultStore';

const DAY_MS = 86_400_000;

/** How far back scores look: results, and partitions for timeliness. */
export const SCORE_WINDOW_DAYS = 7;

type Timeliness = NonNullable<ScoreInputs['timeliness']>;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Computes endpoints' scores from what is stored (results of the last
 * week, the writers' partitions in pipeline health, the declared fields)
 * and keeps one per endpoint and day. A full recompute reads each table
 * once in bulk and scores in memory.
 */
export class QualityScores {
  private readonly now: () => number;

  constructor(
    private readonly options: {
      db: Knex;
      catalog: QualityCatalogStore;
      results: QualityResultStore;
      score?: ScoreOptions;
      /** Which of these refs (owners) the catalog has; default: all. */
      knownEntities?: (refs: string[]) => Promise<Set<string>>;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  /** How many scores the last recompute wrote (the others were unchanged). */
  lastWritten = 0;

  /** Where the last recompute spent its time, ms per step. */
  lastSteps: Record<string, number> = {};

  /**
   * Recomputes and stores the scores of these endpoints, or of all; stops
   * between steps, before storing, once `signal` fires.
   */
  async recompute(
    endpointRefs?: string[],
    signal?: AbortSignal,
  ): Promise<Map<string, EndpointScore>> {
    const now = this.now();
    const since = now - SCORE_WINDOW_DAYS * DAY_MS;
    const steps: Record<string, number> = {};
    let mark = performance.now();
    const step = (name: string) => {
      const at = performance.now();
      steps[name] = at - mark;
      mark = at;
      signal?.throwIfAborted();
    };
    // The reads do not depend on one another (but for the writers of some
    // endpoints): the database answers one while the others' rows are read.
    const day = dayOf(now);
    const [endpoints, facts, allTimeliness, digests] = await Promise.all([
      endpointRefs
        ? this.options.catalog.endpoints(endpointRefs).then(found =>
            [...found.values()].map(e => ({
              entityRef: e.entityRef,
              owner: e.owner,
              writers: e.writers,
              ...(e.fields ? { fieldStats: fieldStats(e.fields) } : {}),
            })),
          )
        : this.options.catalog.scoringEndpoints(),
      this.options.results.scoreFacts(since, endpointRefs),
      endpointRefs ? undefined : this.timelinessOf(undefined, since, now),
      // What is stored already, so that only changed scores are written.
      endpointRefs ? undefined : this.options.results.scoreDigests(day),
    ]);
    const timeliness =
      allTimeliness ??
      (await this.timelinessOf(
        [...new Set(endpoints.flatMap(e => e.writers))],
        since,
        now,
      ));
    step('read');
    const resultsByEndpoint = scoredResultsByEndpoint(facts, now);
    step('results');
    const owners = await this.knownOwners(endpoints.map(e => e.owner));
    step('owners');

    const scores = new Map<string, EndpointScore>();
    const nowIso = new Date(now).toISOString();
    for (const endpoint of endpoints) {
      scores.set(
        endpoint.entityRef,
        scoreEndpoint(
          {
            now: nowIso,
            checkResults: resultsByEndpoint.get(endpoint.entityRef) ?? [],
            ...timelinessOf(endpoint, timeliness),
            stewardship: {
              owner: endpoint.owner,
              ownerKnown: owners.has(endpoint.owner),
              ...(endpoint.fieldStats
                ? { fieldStats: endpoint.fieldStats }
                : {}),
            },
          },
          this.options.score,
        ),
      );
    }
    step('score');
    this.lastWritten = await this.options.results.putScores(
      [...scores].map(([endpointRef, score]) => ({
        endpointRef,
        day,
        score,
        computedAt: now,
      })),
      digests && { day, byEndpoint: digests },
    );
    step('store');
    this.lastSteps = steps;
    return scores;
  }

  /**
   * Partitions of these pipelines (or of all) whose deadline passed in the
   * window, by how they landed.
   */
  private async timelinessOf(
    pipelines: string[] | undefined,
    since: number,
    now: number,
  ): Promise<Map<string, Timeliness>> {
    const found = new Map<string, Timeliness>();
    const read = async (batch?: string[]) => {
      const query = this.options
        .db('health_partitions')
        .select('pipeline_ref', 'state')
        .count({ count: '*' })
        .where('period_end', '>=', since)
        .andWhere('deadline', '<=', now)
        .groupBy('pipeline_ref', 'state');
      if (batch) query.whereIn('pipeline_ref', batch);
      const rows = (await query) as unknown as {
        pipeline_ref: string;
        state: string;
        count: unknown;
      }[];
      for (const row of rows) {
        const t = found.get(row.pipeline_ref) ?? {
          onTime: 0,
          landedLate: 0,
          late: 0,
          failed: 0,
        };
        const n = Number(row.count);
        if (row.state === 'landed_on_time' || row.state === 'backfilled') {
          t.onTime += n;
        } else if (row.state === 'landed_late') t.landedLate += n;
        else if (row.state === 'late') t.late += n;
        else if (row.state === 'failed') t.failed += n;
        found.set(row.pipeline_ref, t);
      }
    };
    if (!pipelines) await read();
    else for (const batch of chunk(pipelines, 500)) await read(batch);
    return found;
  }

  private async knownOwners(owners: string[]): Promise<Set<string>> {
    const unique = [...new Set(owners)].filter(Boolean);
    return this.options.knownEntities
      ? this.options.knownEntities(unique)
      : new Set(unique);
  }
}

function scored(r: StoredResult): ScoredCheckResult {
  return {
    name: r.name,
    type: r.type === 'assertion' ? 'custom_sql' : r.type,
    severity: r.severity,
    status: r.status,
    ...(r.partitionStart !== UNPARTITIONED
      ? { partition: new Date(r.partitionStart).toISOString() }
      : {}),
    evaluatedAt: new Date(r.evaluatedAt).toISOString(),
    message: r.message,
    source: r.source,
  };
}

/**
 * The results a score reads, rebuilt from aggregated facts so that it
 * judges as it would on every row: one pass for each check judged outside
 * volume, the latest failure of each, and for volume the failures with a
 * pass for each other partition judged (only how many partitions there are
 * and which failed counts).
 */
function scoredResultsByEndpoint(
  facts: Awaited<ReturnType<QualityResultStore['scoreFacts']>>,
  now: number,
): Map<string, ScoredCheckResult[]> {
  const byEndpoint = new Map<string, ScoredCheckResult[]>();
  const add = (ref: string, result: ScoredCheckResult) => {
    const list = byEndpoint.get(ref);
    if (list) list.push(result);
    else byEndpoint.set(ref, [result]);
  };
  const evaluatedAt = new Date(now).toISOString();
  for (const j of facts.judged) {
    add(j.endpointRef, {
      name: j.name,
      type: j.type === 'assertion' ? 'custom_sql' : (j.type as any),
      severity: 'info',
      status: 'pass',
      evaluatedAt,
    });
  }
  const failedPartitions = new Map<string, Set<number>>();
  for (const f of facts.failures) {
    add(f.endpointRef, scored(f));
    if (f.type === 'volume' || f.type === 'volume_anomaly') {
      const set = failedPartitions.get(f.endpointRef) ?? new Set<number>();
      set.add(f.partitionStart);
      failedPartitions.set(f.endpointRef, set);
    }
  }
  for (const [ref, partitions] of facts.volumePartitions) {
    const passing = partitions - (failedPartitions.get(ref)?.size ?? 0);
    for (let i = 0; i < passing; i++) {
      add(ref, {
        name: 'volume',
        type: 'volume',
        severity: 'info',
        status: 'pass',
        partition: `passing-${i}`,
        evaluatedAt,
      });
    }
  }
  return byEndpoint;
}

function timelinessOf(
  endpoint: ScoringEndpoint,
  byPipeline: Map<string, Timeliness>,
): Pick<ScoreInputs, 'timeliness'> {
  const counts = endpoint.writers
    .map(w => byPipeline.get(w))
    .filter((t): t is Timeliness => !!t);
  if (counts.length === 0) return {};
  return {
    timeliness: counts.reduce((sum, t) => ({
      onTime: sum.onTime + t.onTime,
      landedLate: sum.landedLate + t.landedLate,
      late: sum.late + t.late,
      failed: sum.failed + t.failed,
    })),
  };
}
