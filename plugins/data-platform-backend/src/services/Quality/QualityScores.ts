import {
  EndpointScore,
  ScoredCheckResult,
  scoreEndpoint,
  ScoreInputs,
  ScoreOptions,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import type {
  QualityCatalogStore,
  QualityEndpoint,
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

  /** Recomputes and stores the scores of these endpoints, or of all. */
  async recompute(
    endpointRefs?: string[],
  ): Promise<Map<string, EndpointScore>> {
    const now = this.now();
    const since = now - SCORE_WINDOW_DAYS * DAY_MS;
    const endpoints = endpointRefs
      ? [...(await this.options.catalog.endpoints(endpointRefs)).values()]
      : await this.options.catalog.allEndpoints();
    const results = await this.options.results.resultsSince(
      endpointRefs,
      since,
    );
    const resultsByEndpoint = new Map<string, StoredResult[]>();
    for (const r of results) {
      const list = resultsByEndpoint.get(r.endpointRef);
      if (list) list.push(r);
      else resultsByEndpoint.set(r.endpointRef, [r]);
    }
    const writers = [...new Set(endpoints.flatMap(e => e.writers))];
    const timeliness = await this.timelinessOf(writers, since, now);
    const owners = await this.knownOwners(endpoints.map(e => e.owner));

    const scores = new Map<string, EndpointScore>();
    const nowIso = new Date(now).toISOString();
    for (const endpoint of endpoints) {
      scores.set(
        endpoint.entityRef,
        scoreEndpoint(
          {
            now: nowIso,
            checkResults: scoredResults(
              resultsByEndpoint.get(endpoint.entityRef) ?? [],
            ),
            ...timelinessOf(endpoint, timeliness),
            stewardship: {
              owner: endpoint.owner,
              ownerKnown: owners.has(endpoint.owner),
              ...(endpoint.fields ? { fields: endpoint.fields } : {}),
            },
          },
          this.options.score,
        ),
      );
    }
    const day = dayOf(now);
    await this.options.results.putScores(
      [...scores].map(([endpointRef, score]) => ({
        endpointRef,
        day,
        score,
        computedAt: now,
      })),
    );
    return scores;
  }

  /** Partitions of the writers that ended in the window, by how they landed. */
  private async timelinessOf(
    pipelines: string[],
    since: number,
    now: number,
  ): Promise<Map<string, Timeliness>> {
    const found = new Map<string, Timeliness>();
    for (const batch of chunk(pipelines, 500)) {
      const rows: { pipeline_ref: string; state: string; count: unknown }[] =
        await this.options
          .db('health_partitions')
          .select('pipeline_ref', 'state')
          .count({ count: '*' })
          .whereIn('pipeline_ref', batch)
          .andWhere('period_end', '>=', since)
          .andWhere('deadline', '<=', now)
          .groupBy('pipeline_ref', 'state');
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
    }
    return found;
  }

  private async knownOwners(owners: string[]): Promise<Set<string>> {
    const unique = [...new Set(owners)].filter(Boolean);
    return this.options.knownEntities
      ? this.options.knownEntities(unique)
      : new Set(unique);
  }
}

function scoredResults(results: StoredResult[]): ScoredCheckResult[] {
  return results.map(r => ({
    name: r.name,
    type: r.type === 'assertion' ? 'custom_sql' : r.type,
    severity: r.severity,
    status: r.status,
    ...(r.partitionStart !== UNPARTITIONED
      ? { partition: new Date(r.partitionStart).toISOString() }
      : {}),
    evaluatedAt: new Date(r.evaluatedAt).toISOString(),
    message: r.message,
  }));
}

function timelinessOf(
  endpoint: QualityEndpoint,
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
