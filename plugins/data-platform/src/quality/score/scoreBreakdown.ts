import {
  SCORE_COMPONENTS,
  type EndpointScore,
  type QualityResultView,
  type ScoreComponentName,
  type ScoreDeduction,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { durationInWords, relativeTime } from '../../format/time';

/** One component as the Quality tab lists it. */
export type ComponentRow = {
  name: ScoreComponentName;
  /** 0-100, or undefined when left out. */
  score?: number;
  /** Share of the total, 0..1. */
  weight: number;
  /** Points it takes off the endpoint's score. */
  points: number;
  deductions: { points: number; text: string }[];
  excluded?: string;
};

/** The newest failing result of a check, which a deduction traces to. */
function newestFailure(
  results: QualityResultView[],
  checkName: string,
): QualityResultView | undefined {
  return results
    .filter(r => r.name === checkName && r.status === 'fail')
    .sort((a, b) => Date.parse(b.evaluatedAt) - Date.parse(a.evaluatedAt))[0];
}

/**
 * What a deduction says after its points and component: a failing check's
 * measurement with its severity and when it was seen ("null rate of country
 * 3.2% > 1% (critical, 2 h ago)"), when the check's result is on the page;
 * otherwise the reason the score recorded, which says the same in its own
 * words as of when the score was computed.
 */
export function deductionText(
  component: ScoreComponentName,
  deduction: ScoreDeduction,
  results: QualityResultView[],
  now = Date.now(),
): string {
  const { checkName, severity, age, reason } = deduction;
  const failure =
    component === 'checks' && checkName
      ? newestFailure(results, checkName)
      : undefined;
  if (failure) {
    return `${failure.message} (${[
      severity ?? failure.severity,
      relativeTime(failure.evaluatedAt, now),
    ].join(', ')})`;
  }
  if (component === 'checks' || !checkName) return reason;
  const context = [
    severity,
    age !== undefined
      ? `newest failure ${durationInWords(age)} before scoring`
      : '',
  ].filter(Boolean);
  return context.length ? `${reason} (${context.join(', ')})` : reason;
}

/** The score's components in their fixed order, each with its deductions in words. */
export function scoreBreakdown(
  score: EndpointScore,
  results: QualityResultView[],
  now = Date.now(),
): ComponentRow[] {
  return SCORE_COMPONENTS.map(name => {
    const component = score.components[name];
    const deductions = (component?.deductions ?? []).map(d => ({
      points: d.points,
      text: deductionText(name, d, results, now),
    }));
    return {
      name,
      score: component?.score ?? undefined,
      weight: component?.weight ?? 0,
      points: deductions.reduce((sum, d) => sum + d.points, 0),
      deductions,
      ...(component?.excluded ? { excluded: component.excluded } : {}),
    };
  });
}

/** "40%" for 0.4. */
export function weightInWords(weight: number): string {
  return `${Math.round(weight * 100)}%`;
}
