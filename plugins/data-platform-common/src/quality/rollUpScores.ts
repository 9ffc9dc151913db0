/** An endpoint's score as a roll-up reads it. */
export type ScoreToRollUp = {
  entityRef: string;
  score: number;
  /** Pipelines reading the endpoint (lineage); default 0. */
  consumers?: number;
};

/** The score of a pipeline, system or group, from its endpoints'. */
export type RolledUpScore = {
  key: string;
  /** Mean of its endpoints' scores, weighted by 1 + consumers, rounded. */
  score: number;
  endpoints: number;
  /** The lowest-scoring endpoint, which a mean would hide. */
  worst: { entityRef: string; score: number };
};

/**
 * Rolls endpoint scores up to whatever `by` puts them in: a pipeline (the
 * endpoints it writes), a system, an owning group; an endpoint may be in
 * several (written by two pipelines) or none. The mean is weighted by
 * 1 + the endpoint's consumers: bad data in an endpoint many pipelines
 * read spreads further, so it weighs more; an endpoint nobody reads still
 * counts once. Worst first, then by key.
 */
export function rollUpScores(
  scores: ScoreToRollUp[],
  by: (endpoint: ScoreToRollUp) => string | string[] | undefined,
): RolledUpScore[] {
  const groups = new Map<
    string,
    {
      weighted: number;
      weight: number;
      endpoints: number;
      worst: ScoreToRollUp;
    }
  >();
  for (const endpoint of scores) {
    const keys = by(endpoint);
    const weight = 1 + Math.max(0, endpoint.consumers ?? 0);
    for (const key of new Set(keys === undefined ? [] : [keys].flat())) {
      const group = groups.get(key) ?? {
        weighted: 0,
        weight: 0,
        endpoints: 0,
        worst: endpoint,
      };
      group.weighted += weight * endpoint.score;
      group.weight += weight;
      group.endpoints += 1;
      if (endpoint.score < group.worst.score) group.worst = endpoint;
      groups.set(key, group);
    }
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      score: Math.round(g.weighted / g.weight),
      endpoints: g.endpoints,
      worst: { entityRef: g.worst.entityRef, score: g.worst.score },
    }))
    .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key));
}
