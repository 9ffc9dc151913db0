import type {
  HealthState,
  RootCauseStep,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * A root cause as the sweep finds and stores it: every step names its
 * pipeline. Read routes leave out the names a caller may not read.
 */
export type FoundRootCause = {
  chain: Extract<RootCauseStep, { pipelineRef: string }>[];
};

/** A late, failed or bad partition (or a stale/failed stream, open-ended). */
export type ProblemPartition = {
  pipelineRef: string;
  start: number;
  end: number;
  state: HealthState;
};

/**
 * The problem partitions of a pipeline that may explain `downstream`, a
 * partition of a pipeline reading its outputs.
 */
type ProblemsOf = (
  pipelineRef: string,
  downstream: ProblemPartition,
) => ProblemPartition[] | undefined;

const BLAME_ORDER: Partial<Record<HealthState, number>> = {
  failed: 0,
  bad_data: 1,
  late: 2,
};

const MAX_DEPTH = 25;

const overlaps = (a: ProblemPartition, b: ProblemPartition) =>
  a.start < b.end && a.end > b.start;

/** Failed before bad data before late, then the earliest. */
function blameOrder(a: ProblemPartition, b: ProblemPartition): number {
  if (a.state !== b.state)
    return (BLAME_ORDER[a.state] ?? 9) - (BLAME_ORDER[b.state] ?? 9);
  return a.start - b.start;
}

type Chain = ProblemPartition[];

/** Failed roots first, then longer chains, then the older root. */
function better(a: Chain, b: Chain | undefined): boolean {
  if (!b) return true;
  const ra = a[a.length - 1];
  const rb = b[b.length - 1];
  const fa = ra.state === 'failed' ? 1 : 0;
  const fb = rb.state === 'failed' ? 1 : 0;
  if (fa !== fb) return fa > fb;
  if (a.length !== b.length) return a.length > b.length;
  if (ra.start !== rb.start) return ra.start < rb.start;
  return ra.pipelineRef < rb.pipelineRef;
}

/**
 * Walks upstream from a problem partition through producers whose
 * partitions overlapping it are themselves problems (those `problemsOf`
 * offers for it: late or failed ones for a late one, bad ones too for bad
 * data), to the first problem that has no such upstream: the root cause.
 * Returns the chain from the direct upstream to the root cause, or
 * undefined when no upstream partition is to blame (the partition is its
 * own root cause).
 */
export function findRootCause(
  target: ProblemPartition,
  upstreamOf: (pipelineRef: string) => string[] | undefined,
  problemsOf: ProblemsOf,
): FoundRootCause | undefined {
  return rootCauseFinder(upstreamOf, problemsOf)(target);
}

/**
 * A findRootCause that remembers the chain found above each partition, for
 * judging many partitions of one platform: a cascade is walked once. The
 * answers it gives are shared: not to be changed.
 */
export function rootCauseFinder(
  upstreamOf: (pipelineRef: string) => string[] | undefined,
  problemsOf: ProblemsOf,
): (target: ProblemPartition) => FoundRootCause | undefined {
  const memo = new Map<string, Chain>();
  const walk = (
    at: ProblemPartition,
    visiting: Set<string>,
    depth: number,
  ): Chain => {
    const key = `${at.pipelineRef}@${at.start}@${at.end}@${at.state}`;
    const known = memo.get(key);
    if (known) return known;
    let best: Chain | undefined;
    if (depth < MAX_DEPTH) {
      for (const ref of upstreamOf(at.pipelineRef) ?? []) {
        if (visiting.has(ref)) continue;
        const blamed = (problemsOf(ref, at) ?? [])
          .filter(p => overlaps(p, at))
          .sort(blameOrder)[0];
        if (!blamed) continue;
        visiting.add(ref);
        const chain = [blamed, ...walk(blamed, visiting, depth + 1)];
        visiting.delete(ref);
        if (better(chain, best)) best = chain;
      }
    }
    const chain = best ?? [];
    memo.set(key, chain);
    return chain;
  };
  // One answer per chain: many partitions share a cause, and callers ask
  // about each partition more than once.
  const answers = new WeakMap<Chain, FoundRootCause>();
  return target => {
    const chain = walk(target, new Set([target.pipelineRef]), 0);
    if (chain.length === 0) return undefined;
    let answer = answers.get(chain);
    if (!answer) {
      answer = {
        chain: chain.map(p => ({
          pipelineRef: p.pipelineRef,
          partition: new Date(p.start).toISOString(),
          state: p.state,
        })),
      };
      answers.set(chain, answer);
    }
    return answer;
  };
}
