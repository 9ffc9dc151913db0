import type { QualityScoreSummary } from '@dataplatform/backstage-plugin-data-platform-common';
import type { DataQualityApi } from '../../api/qualityApi';

/** How long a fetched score is reused before it is asked for again. */
export const SCORE_CACHE_MS = 60_000;

type Pending = {
  resolve(score: QualityScoreSummary | undefined): void;
  reject(error: unknown): void;
};

/**
 * Collects the scores that rows of a list ask for within one tick into a
 * single `POST /quality/scores`, so a page of 100 endpoints costs one
 * request, not 100; answers are reused for {@link SCORE_CACHE_MS}.
 */
export class QualityScoreBatches {
  private readonly waiting = new Map<string, Pending[]>();
  private readonly cache = new Map<
    string,
    { at: number; score: Promise<QualityScoreSummary | undefined> }
  >();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly api: Pick<DataQualityApi, 'getScores'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The latest score of an endpoint, or undefined when it has none. */
  score(entityRef: string): Promise<QualityScoreSummary | undefined> {
    const cached = this.cache.get(entityRef);
    if (cached && this.now() - cached.at < SCORE_CACHE_MS) return cached.score;
    const score = new Promise<QualityScoreSummary | undefined>(
      (resolve, reject) => {
        const list = this.waiting.get(entityRef) ?? [];
        list.push({ resolve, reject });
        this.waiting.set(entityRef, list);
      },
    );
    this.cache.set(entityRef, { at: this.now(), score });
    score.catch(() => this.cache.delete(entityRef));
    this.timer ??= setTimeout(() => this.flush(), 0);
    return score;
  }

  private async flush() {
    this.timer = undefined;
    const batch = new Map(this.waiting);
    this.waiting.clear();
    try {
      const scores = await this.api.getScores([...batch.keys()]);
      const byRef = new Map(scores.map(s => [s.entityRef, s]));
      for (const [ref, list] of batch) {
        list.forEach(p => p.resolve(byRef.get(ref)));
      }
    } catch (error) {
      for (const list of batch.values()) list.forEach(p => p.reject(error));
    }
  }
}

const batchesByApi = new WeakMap<object, QualityScoreBatches>();

/** The batches of one API instance, shared by every list on the page. */
export function qualityScoreBatchesFor(
  api: Pick<DataQualityApi, 'getScores'>,
): QualityScoreBatches {
  let batches = batchesByApi.get(api);
  if (!batches) {
    batches = new QualityScoreBatches(api);
    batchesByApi.set(api, batches);
  }
  return batches;
}
