import type { QualitySeverity } from '../kinds/entities';
import { flattenFields, SchemaField } from '../schema/fields';
import { count, duration } from './wording';
import type { FieldStats, ScoredCheckResult, ScoreInputs } from './scoreTypes';

/** Points (of a component's 100) lost to one cause. */
export type Loss = {
  loss: number;
  reason: string;
  checkName?: string;
  severity?: QualitySeverity;
  age?: number;
  evaluatedAt?: string;
  source?: string;
};

/** A component's raw verdict: losses summing to 100 minus its score, or why it is left out. */
export type ComponentVerdict = { losses: Loss[] } | { excluded: string };

const VOLUME_TYPES = ['volume', 'volume_anomaly'];
const judged = (r: ScoredCheckResult) =>
  r.status === 'pass' || r.status === 'fail';

/** Share of recent partitions landed on time; each other state loses its share. */
export function timelinessVerdict(
  input: ScoreInputs['timeliness'],
): ComponentVerdict {
  const total = input
    ? input.onTime + input.landedLate + input.late + input.failed
    : 0;
  if (!input || total === 0) {
    return { excluded: 'no recent partitions from pipeline health' };
  }
  const states: [number, string][] = [
    [input.landedLate, 'landed late'],
    [input.late, 'are late'],
    [input.failed, 'failed'],
  ];
  return {
    losses: states
      .filter(([n]) => n > 0)
      .map(([n, words]) => ({
        loss: (100 * n) / total,
        reason: `${count(n)} of ${count(total)} recent partitions ${words}`,
      })),
  };
}

/**
 * Checks (all but volume checks, which make the volume component): each
 * failing check loses its severity's penalty times the decay of its
 * freshest failure, `0.5 ^ (age / half-life)`: a failure seen now costs the
 * full penalty, one a half-life ago half. Losses beyond 100 are scaled down
 * together. Passing checks cost nothing and do not dilute a failure.
 */
export function checksVerdict(
  results: ScoredCheckResult[],
  now: number,
  penalties: Record<QualitySeverity, number>,
  halfLifeMs: number,
): ComponentVerdict {
  const relevant = results.filter(
    r => judged(r) && !VOLUME_TYPES.includes(r.type),
  );
  if (relevant.length === 0) {
    return {
      excluded: results.length
        ? 'no check has passed or failed recently'
        : 'no check results',
    };
  }
  const failures = new Map<string, ScoredCheckResult>();
  for (const r of relevant.filter(x => x.status === 'fail')) {
    const seen = failures.get(r.name);
    if (!seen || Date.parse(r.evaluatedAt) > Date.parse(seen.evaluatedAt)) {
      failures.set(r.name, r);
    }
  }
  const losses: Loss[] = [...failures.values()].map(r => {
    const age = Math.max(0, now - Date.parse(r.evaluatedAt));
    const decay = 0.5 ** (age / halfLifeMs);
    return {
      loss: penalties[r.severity] * decay,
      reason: `${r.name} (${r.severity}) failed ${
        age < 60_000 ? 'just now' : `${duration(age)} ago`
      }${r.message ? `: ${r.message}` : ''}`,
      checkName: r.name,
      severity: r.severity,
      age,
      evaluatedAt: r.evaluatedAt,
      ...(r.source ? { source: r.source } : {}),
    };
  });
  const total = losses.reduce((sum, l) => sum + l.loss, 0);
  if (total > 100) for (const l of losses) l.loss *= 100 / total;
  return { losses };
}

/**
 * Volume: the share of recent partitions whose volume checks (volume,
 * volume_anomaly) passed. A partition outside loses its share, split among
 * the volume checks that failed on it.
 */
export function volumeVerdict(
  results: ScoredCheckResult[],
  now: number,
): ComponentVerdict {
  const relevant = results.filter(
    r => judged(r) && VOLUME_TYPES.includes(r.type),
  );
  const partitions = new Map<string, ScoredCheckResult[]>();
  for (const r of relevant) {
    const key = r.partition ?? r.evaluatedAt;
    partitions.set(key, [...(partitions.get(key) ?? []), r]);
  }
  if (partitions.size === 0) return { excluded: 'no volume check results' };
  const byCheck = new Map<
    string,
    { loss: number; partitions: number; latest: ScoredCheckResult }
  >();
  for (const judgedHere of partitions.values()) {
    const failed = judgedHere.filter(r => r.status === 'fail');
    for (const r of failed) {
      const entry = byCheck.get(r.name) ?? {
        loss: 0,
        partitions: 0,
        latest: r,
      };
      entry.loss += 100 / partitions.size / failed.length;
      entry.partitions += 1;
      if (Date.parse(r.evaluatedAt) > Date.parse(entry.latest.evaluatedAt)) {
        entry.latest = r;
      }
      byCheck.set(r.name, entry);
    }
  }
  return {
    losses: [...byCheck.entries()].map(([name, entry]) => ({
      loss: entry.loss,
      reason: `${name}: ${count(entry.partitions)} of ${count(
        partitions.size,
      )} recent partitions outside the expected volume`,
      checkName: name,
      severity: entry.latest.severity,
      age: Math.max(0, now - Date.parse(entry.latest.evaluatedAt)),
      evaluatedAt: entry.latest.evaluatedAt,
      ...(entry.latest.source ? { source: entry.latest.source } : {}),
    })),
  };
}

/**
 * Stewardship, in equal parts: an owner the catalog knows; fields
 * documented (the share with a description); PII classified (the share
 * with an explicit `pii`). Without known fields, the owner alone.
 */
/**
 * How many fields a schema has (nested ones included), how many carry a
 * description and how many an explicit PII classification.
 */
export function fieldStats(fields: SchemaField[]): FieldStats {
  const all = flattenFields(fields).map(f => f.field);
  return {
    total: all.length,
    documented: all.filter(f => !!f.description?.trim()).length,
    classified: all.filter(f => f.pii !== undefined).length,
  };
}

export function stewardshipVerdict(
  input: ScoreInputs['stewardship'],
): ComponentVerdict {
  const stats = input.fieldStats ?? fieldStats(input.fields ?? []);
  const parts = stats.total ? 3 : 1;
  const share = 100 / parts;
  const losses: Loss[] = [];
  if (!input.ownerKnown) {
    losses.push({
      loss: share,
      reason: `owner ${input.owner} is not a group or user in the catalog`,
    });
  }
  if (stats.total) {
    const undocumented = stats.total - stats.documented;
    const unclassified = stats.total - stats.classified;
    const of = `of ${count(stats.total)} fields`;
    if (undocumented) {
      losses.push({
        loss: (share * undocumented) / stats.total,
        reason: `${count(undocumented)} ${of} have no description`,
      });
    }
    if (unclassified) {
      losses.push({
        loss: (share * unclassified) / stats.total,
        reason: `${count(
          unclassified,
        )} ${of} have no explicit PII classification`,
      });
    }
  }
  return { losses };
}
