import type { OnCallRow } from '@dataplatform/backstage-plugin-data-platform-common';
import type { PipelineHealthApi } from '../../api/healthApi';

/** How long a fetched state is reused before it is asked for again. */
export const STATE_CACHE_MS = 30_000;

type Pending = {
  resolve(row: OnCallRow | undefined): void;
  reject(error: unknown): void;
};

/**
 * Collects the pipeline states that a list's rows (or a page's cards) ask
 * for within one tick into a single `POST /health/pipeline-states`, so a
 * catalog page of 100 pipelines costs one request; answers are reused for
 * {@link STATE_CACHE_MS}. The answer is the backend's current state, the
 * same the on-call page and the Health tab show.
 */
export class PipelineStateBatches {
  private readonly waiting = new Map<string, Pending[]>();
  private readonly cache = new Map<
    string,
    { at: number; row: Promise<OnCallRow | undefined> }
  >();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly api: Pick<PipelineHealthApi, 'getPipelineStates'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current state of a pipeline, or undefined when health has none. */
  state(pipelineRef: string): Promise<OnCallRow | undefined> {
    const cached = this.cache.get(pipelineRef);
    if (cached && this.now() - cached.at < STATE_CACHE_MS) return cached.row;
    const row = new Promise<OnCallRow | undefined>((resolve, reject) => {
      const list = this.waiting.get(pipelineRef) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(pipelineRef, list);
    });
    this.cache.set(pipelineRef, { at: this.now(), row });
    row.catch(() => this.cache.delete(pipelineRef));
    this.timer ??= setTimeout(() => this.flush(), 0);
    return row;
  }

  private async flush() {
    this.timer = undefined;
    const batch = new Map(this.waiting);
    this.waiting.clear();
    try {
      const { rows } = await this.api.getPipelineStates([...batch.keys()]);
      const byRef = new Map(rows.map(r => [r.pipelineRef, r]));
      for (const [ref, list] of batch) {
        list.forEach(p => p.resolve(byRef.get(ref)));
      }
    } catch (error) {
      for (const list of batch.values()) list.forEach(p => p.reject(error));
    }
  }
}

const batchesByApi = new WeakMap<object, PipelineStateBatches>();

/** The batches of one API instance, shared by every list on the page. */
export function pipelineStateBatchesFor(
  api: Pick<PipelineHealthApi, 'getPipelineStates'>,
): PipelineStateBatches {
  let batches = batchesByApi.get(api);
  if (!batches) {
    batches = new PipelineStateBatches(api);
    batchesByApi.set(api, batches);
  }
  return batches;
}
