import type {
  QualityCheckStatus,
  ScoreComponentName,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The colour family a status or score is drawn in. */
export type QualityTone = 'positive' | 'warning' | 'negative' | 'neutral';

/**
 * A cell's status: a result's, `filling` for a partition not complete
 * yet (not judged), or `none` when nothing was recorded.
 */
export type CellStatus = QualityCheckStatus | 'filling' | 'none';

/** Label, glyph and tone of each status: colour is never the only cue. */
export const STATUS_PRESENTATION: Record<
  CellStatus,
  { label: string; glyph: string; tone: QualityTone }
> = {
  pass: { label: 'Pass', glyph: '✓', tone: 'positive' },
  fail: { label: 'Fail', glyph: '✕', tone: 'negative' },
  error: { label: 'Error', glyph: '!', tone: 'warning' },
  not_run: { label: 'Not run', glyph: '–', tone: 'neutral' },
  filling: { label: 'Filling, not judged yet', glyph: '…', tone: 'neutral' },
  none: { label: 'No result', glyph: '', tone: 'neutral' },
};

/** Statuses in the order the legend lists them. */
export const STATUS_ORDER: CellStatus[] = [
  'pass',
  'fail',
  'error',
  'not_run',
  'filling',
  'none',
];

const COMPONENT_LABELS: Record<ScoreComponentName, string> = {
  timeliness: 'Timeliness',
  checks: 'Checks',
  volume: 'Volume',
  stewardship: 'Stewardship',
};

/** "Timeliness" for `timeliness`. */
export function componentLabel(name: string): string {
  return COMPONENT_LABELS[name as ScoreComponentName] ?? name;
}

/** Emitters whose results reach the backend through OpenLineage, by source. */
const EMITTER_LABELS: Record<string, string> = {
  dbt: 'dbt',
  great_expectations: 'Great Expectations',
  soda: 'Soda',
  openlineage: 'OpenLineage',
};

/** Whether a result's source is an emitter (dbt, ...) rather than a runner. */
export function isEmittedSource(source: string): boolean {
  return source in EMITTER_LABELS;
}

/** "Great Expectations" for `great_expectations`; runners by their id. */
export function sourceLabel(source: string): string {
  return EMITTER_LABELS[source] ?? source.replace(/[-_]/g, ' ');
}

/** 90 and up is good, 70 and up middling, below that poor. */
export function scoreTone(score: number): QualityTone {
  if (score >= 90) return 'positive';
  if (score >= 70) return 'warning';
  return 'negative';
}

/** The CSS of a tone, from Backstage UI's theme variables. */
export const TONE_COLOURS: Record<
  QualityTone,
  { solid: string; subdued: string; text: string }
> = {
  positive: {
    solid: 'var(--bui-positive-bg)',
    subdued: 'var(--bui-positive-bg-subdued)',
    text: 'var(--bui-positive-fg-subdued)',
  },
  warning: {
    solid: 'var(--bui-warning-bg)',
    subdued: 'var(--bui-warning-bg-subdued)',
    text: 'var(--bui-warning-fg-subdued)',
  },
  negative: {
    solid: 'var(--bui-negative-bg)',
    subdued: 'var(--bui-negative-bg-subdued)',
    text: 'var(--bui-negative-fg-subdued)',
  },
  neutral: {
    solid: 'var(--bui-bg-neutral-3)',
    subdued: 'var(--bui-bg-neutral-2)',
    text: 'var(--bui-fg-secondary)',
  },
};

/** How a grid cell (and its legend swatch) of a status is filled. */
export function statusCellStyle(status: CellStatus): {
  background?: string;
  color?: string;
  border?: string;
} {
  const colours = TONE_COLOURS[STATUS_PRESENTATION[status].tone];
  if (status === 'none') return { border: '1px dotted var(--bui-border-2)' };
  if (status === 'filling') {
    return { color: colours.text, border: '1px dashed var(--bui-border-2)' };
  }
  if (status === 'not_run') {
    return { background: colours.subdued, color: colours.text };
  }
  return { background: colours.solid, color: '#fff' };
}
