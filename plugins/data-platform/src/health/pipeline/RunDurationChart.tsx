import useMeasure from 'react-use/esm/useMeasure';
import { makeStyles } from '@material-ui/core/styles';
import type { PipelineRun } from '@dataplatform/backstage-plugin-data-platform-common';
import { durationInWords, partitionLabel } from '../../format/time';
import { RunDurationLegend } from './RunDurationLegend';
import {
  CHART_HEIGHT,
  CHART_MARGIN,
  RUN_COLOURS,
  runDurationChart,
  runTitle,
} from './runDurations';

const useStyles = makeStyles(
  {
    svg: { display: 'block', overflow: 'visible' },
    axisText: { fontSize: 10, fill: 'var(--bui-fg-secondary)' },
    grid: { stroke: 'var(--bui-border-1)', strokeWidth: 1 },
    median: {
      stroke: 'var(--bui-fg-primary)',
      strokeDasharray: '4 3',
      strokeWidth: 1,
    },
    bar: {
      '&:hover, &:focus': { opacity: 0.75, outline: 'none' },
    },
    failMark: { fontSize: 11, fontWeight: 700, fill: 'var(--bui-negative-bg)' },
  },
  { name: 'DataPlatformRunDurationChart' },
);

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
  const chart = runDurationChart(props.runs, width, Date.now());
  const { runs, durations, barWidth, y, typical } = chart;
  const failures = runs.filter(r => r.state === 'FAIL').length;
  const line = (at: number, className: string) => (
    <line
      className={className}
      x1={CHART_MARGIN.left}
      x2={width - CHART_MARGIN.right}
      y1={y(at)}
      y2={y(at)}
    />
  );

  return (
    <div ref={ref}>
      <RunDurationLegend runs={runs} typical={typical} />
      <svg
        className={classes.svg}
        width={width}
        height={CHART_HEIGHT}
        role="img"
        aria-label={`Durations of the last ${
          runs.length
        } runs, ${failures} failed${
          typical !== undefined ? `; median ${durationInWords(typical)}` : ''
        }`}
      >
        {chart.ticks.map(tick => (
          <g key={tick}>
            {line(tick, classes.grid)}
            <text
              className={classes.axisText}
              x={CHART_MARGIN.left - 6}
              y={y(tick) + 3}
              textAnchor="end"
            >
              {tick === 0 ? '0' : durationInWords(tick)}
            </text>
          </g>
        ))}
        {runs.map((run, i) => {
          const ms = durations[i];
          const x = chart.barX(i);
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
              {i % chart.labelEvery === 0 &&
                (i === 0 || runs[i - 1].partition !== run.partition) && (
                  <text
                    className={classes.axisText}
                    x={x + barWidth / 2}
                    y={CHART_HEIGHT - 8}
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
        {typical !== undefined && line(typical, classes.median)}
      </svg>
    </div>
  );
}
