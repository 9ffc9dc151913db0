import type { PipelineRun } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  durationInWords,
  partitionLabel,
  timestampLabel,
} from '../../format/time';

/** The chart's height and the room around its plot, in pixels. */
export const CHART_HEIGHT = 200;
export const CHART_MARGIN = { top: 16, right: 12, bottom: 28, left: 56 };

/** A run's bar colour, by its state. */
export const RUN_COLOURS: Record<PipelineRun['state'], string> = {
  COMPLETE: 'var(--bui-accent-bg)',
  RUNNING: 'var(--bui-fg-secondary)',
  FAIL: 'var(--bui-negative-bg)',
  ABORT: 'var(--bui-warning-bg)',
};

const RUN_STATE_WORDS: Record<PipelineRun['state'], string> = {
  COMPLETE: 'Completed',
  RUNNING: 'Running',
  FAIL: 'Failed',
  ABORT: 'Aborted',
};

/** How long a run took, or has taken so far. */
export function runDurationMs(
  run: PipelineRun,
  now: number = Date.now(),
): number | undefined {
  if (run.durationMs !== undefined) return run.durationMs;
  if (!run.startedAt) return undefined;
  const end = run.endedAt ? Date.parse(run.endedAt) : now;
  return Math.max(0, end - Date.parse(run.startedAt));
}

/** Round axis steps: 1, 2 or 5 times a power of ten, in minutes above a minute. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const unit = raw >= 60_000 ? 60_000 : 1000;
  const inUnits = raw / unit;
  const power = 10 ** Math.floor(Math.log10(inUnits));
  const step =
    [1, 2, 5, 10].map(m => m * power).find(s => s >= inUnits) ?? 10 * power;
  return step * unit;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What a run's bar says on hover and to screen readers. */
export function runTitle(run: PipelineRun, durationMs?: number): string {
  const parts = [
    `Partition ${partitionLabel(run.partition)}, attempt ${run.attempt}`,
    RUN_STATE_WORDS[run.state] ?? run.state,
  ];
  if (run.startedAt) parts.push(`started ${timestampLabel(run.startedAt)}`);
  if (durationMs !== undefined)
    parts.push(
      `${run.state === 'RUNNING' ? 'running for' : 'took'} ${durationInWords(
        durationMs,
      )}`,
    );
  if (run.failureReason) parts.push(run.failureReason);
  return parts.join(', ');
}

/**
 * The runs that have a duration, oldest first, laid out on a chart `width`
 * pixels wide: each run's duration and bar position, the y axis (round
 * steps up to the longest run, a minute at least), and the median of the
 * completed runs.
 */
export function runDurationChart(
  allRuns: PipelineRun[],
  width: number,
  now: number,
) {
  const runs = allRuns
    .filter(run => runDurationMs(run, now) !== undefined)
    .sort(
      (a, b) =>
        Date.parse(a.startedAt ?? a.partition) -
        Date.parse(b.startedAt ?? b.partition),
    );
  const durations = runs.map(run => runDurationMs(run, now)!);
  const longest = Math.max(60_000, ...durations);
  const step = niceStep(longest, 4);
  const top = Math.ceil(longest / step) * step;
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = CHART_HEIGHT - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const slot = runs.length > 0 ? plotWidth / runs.length : plotWidth;
  const barWidth = Math.max(2, Math.min(24, slot * 0.7));
  return {
    runs,
    durations,
    barWidth,
    /** The left edge of the `i`th run's bar. */
    barX: (i: number) => CHART_MARGIN.left + i * slot + (slot - barWidth) / 2,
    /** The height on the chart of a duration. */
    y: (ms: number) => CHART_MARGIN.top + plotHeight - (ms / top) * plotHeight,
    /** The y axis's ticks, 0 to the top. */
    ticks: Array.from(
      { length: Math.round(top / step) + 1 },
      (_, i) => i * step,
    ),
    typical: median(
      runs.filter(r => r.state === 'COMPLETE').map(r => runDurationMs(r, now)!),
    ),
    /** Every how many runs a partition is named under the bars. */
    labelEvery: Math.max(
      1,
      Math.ceil(runs.length / Math.max(1, Math.floor(plotWidth / 90))),
    ),
  };
}
