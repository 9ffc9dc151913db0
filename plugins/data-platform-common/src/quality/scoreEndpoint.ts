import type { QualitySeverity } from '../kinds/entities';
import {
  checksVerdict,
  ComponentVerdict,
  Loss,
  stewardshipVerdict,
  timelinessVerdict,
  volumeVerdict,
} from './scoreComponents';
import {
  EndpointScore,
  SCORE_COMPONENTS,
  ScoreComponent,
  ScoreComponentName,
  ScoreInputs,
  ScoreWeights,
} from './scoreTypes';

/** Default weights of the components; the backend reads overrides from config. */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
  timeliness: 0.3,
  checks: 0.35,
  volume: 0.15,
  stewardship: 0.2,
};

/** Points of the checks component a fresh failure costs, by severity. */
export const DEFAULT_SEVERITY_PENALTIES: Record<QualitySeverity, number> = {
  critical: 60,
  warning: 25,
  info: 5,
};

/** Hours after which a failure counts half, a quarter after twice that, ... */
export const DEFAULT_FAILURE_HALF_LIFE_HOURS = 48;

/** Overrides of the defaults. */
export type ScoreOptions = {
  weights?: Partial<ScoreWeights>;
  penalties?: Partial<Record<QualitySeverity, number>>;
  failureHalfLifeHours?: number;
};

/**
 * Integer points per raw deduction, summing to `total` exactly: each
 * rounded down, then the points left go to the largest remainders.
 */
function apportion(raw: number[], total: number): number[] {
  const points = raw.map(Math.floor);
  let left = total - points.reduce((a, b) => a + b, 0);
  const order = raw
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    points[index] += 1;
    left -= 1;
  }
  return points;
}

/**
 * The endpoint's score, 0-100, from four components anyone can read:
 * timeliness (share of recent partitions landed on time), checks (failures
 * by severity, decaying with age), volume (share of recent partitions
 * within their expected volume) and stewardship (owner, descriptions, PII
 * marks). A component with nothing to go on is left out and the weights
 * of the others renormalized, as the result's note says.
 *
 * Every point is accounted for: each cause's loss in its component, times
 * the component's weight, is a deduction from 100; deductions are whole
 * points (largest remainders), and the score is 100 minus their sum.
 */
export function scoreEndpoint(
  inputs: ScoreInputs,
  options: ScoreOptions = {},
): EndpointScore {
  const weights = { ...DEFAULT_SCORE_WEIGHTS, ...options.weights };
  const penalties = { ...DEFAULT_SEVERITY_PENALTIES, ...options.penalties };
  const halfLifeMs =
    (options.failureHalfLifeHours ?? DEFAULT_FAILURE_HALF_LIFE_HOURS) *
    3_600_000;
  const now = Date.parse(inputs.now);
  const results = inputs.checkResults ?? [];
  const verdicts: Record<ScoreComponentName, ComponentVerdict> = {
    timeliness: timelinessVerdict(inputs.timeliness),
    checks: checksVerdict(results, now, penalties, halfLifeMs),
    volume: volumeVerdict(results, now),
    stewardship: stewardshipVerdict(inputs.stewardship),
  };
  for (const name of SCORE_COMPONENTS) {
    if (!('excluded' in verdicts[name]) && weights[name] <= 0) {
      verdicts[name] = { excluded: 'its weight is 0' };
    }
  }
  const included = SCORE_COMPONENTS.filter(n => !('excluded' in verdicts[n]));
  const weightSum = included.reduce((sum, n) => sum + weights[n], 0);

  const causes: { component: ScoreComponentName; cause: Loss; raw: number }[] =
    [];
  for (const name of included) {
    const { losses } = verdicts[name] as { losses: Loss[] };
    for (const cause of losses) {
      causes.push({
        component: name,
        cause,
        raw: (cause.loss * weights[name]) / weightSum,
      });
    }
  }
  const rawTotal = causes.reduce((sum, c) => sum + c.raw, 0);
  // Rounded as the components' scores are: 27.5 is 28.
  const points = apportion(
    causes.map(c => c.raw),
    100 - Math.round(100 - rawTotal),
  );

  const components = {} as Record<ScoreComponentName, ScoreComponent>;
  for (const name of SCORE_COMPONENTS) {
    const verdict = verdicts[name];
    if ('excluded' in verdict) {
      components[name] = {
        score: null,
        weight: 0,
        deductions: [],
        excluded: verdict.excluded,
      };
      continue;
    }
    const lost = verdict.losses.reduce((sum, l) => sum + l.loss, 0);
    components[name] = {
      score: Math.round(Math.max(0, 100 - lost)),
      weight: weights[name] / weightSum,
      deductions: [],
    };
  }
  causes.forEach(({ component, cause }, i) => {
    const { loss, ...traced } = cause;
    components[component].deductions.push({ points: points[i], ...traced });
  });

  const left = SCORE_COMPONENTS.filter(n => 'excluded' in verdicts[n]);
  const note = left.length
    ? `${left
        .map(
          n =>
            `${n} left out (${(verdicts[n] as { excluded: string }).excluded})`,
        )
        .join('; ')}; weights renormalized over ${
        included.length ? included.join(', ') : 'no component'
      }`
    : undefined;
  return {
    score: 100 - points.reduce((a, b) => a + b, 0),
    components,
    ...(note ? { note } : {}),
  };
}
