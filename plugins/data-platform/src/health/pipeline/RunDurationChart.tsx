import useMeasure from 'react-use/esm/useMeasure';
import { makeStyles } from '@material-ui/core/styles';
import type { PipelineRun } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  durationInWords,
  partitionLabel,
  timestampLabel,
} from '../../format/time';

const HEIGHT = 200;
const MARGIN = { top: 16, right: 12, bottom: 28, left: 56 };

const RUN_COLOURS: Record<PipelineRun['state'], string> = {
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

const useStyles = makeStyles({
  svg: { display: 'block', overflow: 'visible' },
  axisText: { fontSize: 10, fill: 'var(--bui-fg-secondary)' },
  grid: { stroke: 'var(--bui-border-1)', strokeWidth: 1 },
  median: {
    stroke: 'var(--bui-fg-primary)',
    strokeDasharray: '4 3',
    strokeWidth: 1,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: 12,
    fontSize: 11,
    color: 'var(--bui-fg-secondary)',
    marginBottom: 4,
    '& span': { display: 'inline-flex', alignItems: 'center', gap: 4 },
  },
  swatch: { display: 'inline-block', width: 10, height: 10, borderRadius: 2 },
  medianSwatch: {
    display: 'inline-block',
    width: 16,
    borderTop: '1px dashed var(--bui-fg-primary)',
  },
  bar: {
    '&:hover, &:focus': { opacity: 0.75, outline: 'none' },
  },
  failMark: { fontSize: 11, fontWeight: 700, fill: 'var(--bui-negative-bg)' },
});

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

function runTitle(run: PipelineRun, durationMs?: number): string {
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
 * Run durations as bars, oldest to newest: completed runs in blue, failed
 * ones in red with a ✕ above, aborted ones in amber, a running one in grey
 * (its time so far). A dashed line marks the median of completed runs, so a
 * slow run stands out. Plain SVG sized to its container: one bar per run
 * needs no charting library.
 */
export function RunDurationChart(props: { runs: PipelineRun[] }) {
  const classes = useStyles();
  const [ref, { width: measured }] = useMeasure<HTMLDivElement>();
  const width = measured > 0 ? measured : 720;
  const now = Date.now();
  const runs = [...props.runs]
    .filter(run => runDurationMs(run, now) !== undefined)
    .sort(
      (a, b) =>
        Date.parse(a.startedAt ?? a.partition) -
        Date.parse(b.startedAt ?? b.partition),
    );
  const durations = runs.map(run => runDurationMs(run, now)!);
  const max = Math.max(60_000, ...durations);
  const step = niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = runs.length > 0 ? plotWidth / runs.length : plotWidth;
  const barWidth = Math.max(2, Math.min(24, slot * 0.7));
  const y = (ms: number) => MARGIN.top + plotHeight - (ms / top) * plotHeight;
  const typical = median(
    runs.filter(r => r.state === 'COMPLETE').map(r => runDurationMs(r, now)!),
  );
  const labelEvery = Math.max(
    1,
    Math.ceil(runs.length / Math.max(1, Math.floor(plotWidth / 90))),
  );
  const failures = runs.filter(r => r.state === 'FAIL').length;

  return (
    <div ref={ref}>
      <div className={classes.legend} aria-hidden>
        <span>
          <i
            className={classes.swatch}
            style={{ background: RUN_COLOURS.COMPLETE }}
          />
          completed
        </span>
        <span>
          <i
            className={classes.swatch}
            style={{ background: RUN_COLOURS.FAIL }}
          />
          failed ✕
        </span>
        {runs.some(r => r.state === 'ABORT') && (
          <span>
            <i
              className={classes.swatch}
              style={{ background: RUN_COLOURS.ABORT }}
            />
            aborted
          </span>
        )}
        {runs.some(r => r.state === 'RUNNING') && (
          <span>
            <i
              className={classes.swatch}
              style={{ background: RUN_COLOURS.RUNNING, opacity: 0.5 }}
            />
            running (so far)
          </span>
        )}
        {typical !== undefined && (
          <span>
            <i className={classes.medianSwatch} />
            median of completed runs: {durationInWords(typical)}
          </span>
        )}
        <span>· x axis: partition, y axis: duration</span>
      </div>
      <svg
        className={classes.svg}
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`Durations of the last ${
          runs.length
        } runs, ${failures} failed${
          typical !== undefined ? `; median ${durationInWords(typical)}` : ''
        }`}
      >
        {Array.from(
          { length: Math.round(top / step) + 1 },
          (_, i) => i * step,
        ).map(tick => (
          <g key={tick}>
            <line
              className={classes.grid}
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text
              className={classes.axisText}
              x={MARGIN.left - 6}
              y={y(tick) + 3}
              textAnchor="end"
            >
              {tick === 0 ? '0' : durationInWords(tick)}
            </text>
          </g>
        ))}
        {runs.map((run, i) => {
          const ms = durations[i];
          const x = MARGIN.left + i * slot + (slot - barWidth) / 2;
          return (
            <g key={run.runId} data-run-state={run.state}>
              <rect
                className={classes.bar}
                x={x}
                y={y(ms)}
                width={barWidth}
                height={Math.max(1, y(0) - y(ms))}
                rx={2}
                fill={RUN_COLOURS[run.state]}
                fillOpacity={run.state === 'RUNNING' ? 0.5 : 1}
                tabIndex={0}
                aria-label={runTitle(run, ms)}
              >
                <title>{runTitle(run, ms)}</title>
              </rect>
              {run.state === 'FAIL' && (
                <text
                  className={classes.failMark}
                  x={x + barWidth / 2}
                  y={y(ms) - 4}
                  textAnchor="middle"
                  aria-hidden
                >
                  ✕
                </text>
              )}
              {i % labelEvery === 0 &&
                (i === 0 || runs[i - 1].partition !== run.partition) && (
                  <text
                    className={classes.axisText}
                    x={x + barWidth / 2}
                    y={HEIGHT - 8}
                    textAnchor="middle"
                  >
                    {partitionLabel(run.partition)
                      .replace(/^\w+ /, '')
                      .replace(' UTC', '')}
                  </text>
                )}
            </g>
          );
        })}
        {typical !== undefined && (
          <line
            className={classes.median}
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(typical)}
            y2={y(typical)}
          />
        )}
      </svg>
    </div>
  );
}
