import useMeasure from 'react-use/esm/useMeasure';
import { makeStyles } from '@material-ui/core/styles';
import type { EndpointQuality } from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionInWords } from '../checks/partitionWords';
import { TONE_COLOURS } from '../format/presentation';
import {
  CHART_HEIGHT,
  CHART_MARGIN,
  ChartPoint,
  volumeChartLayout,
} from './volumeChartLayout';

const useStyles = makeStyles(
  {
    svg: { display: 'block', overflow: 'visible' },
    axis: { fontSize: 10, fill: 'var(--bui-fg-secondary)' },
    grid: { stroke: 'var(--bui-border-1)' },
    history: { fill: 'var(--bui-fg-secondary)', opacity: 0.45 },
    learnedFrom: { fill: 'var(--bui-accent-bg, #1f5493)' },
    band: { fill: 'var(--bui-accent-bg, #1f5493)', opacity: 0.18 },
    bandEdge: { stroke: 'var(--bui-accent-bg, #1f5493)', strokeWidth: 1.5 },
    marked: { fill: 'none', stroke: 'var(--bui-fg-primary)', strokeWidth: 1.5 },
  },
  { name: 'DataPlatformQualityVolumeBandChart' },
);

function pointTitle(p: ChartPoint, granularity?: string): string {
  const notes = [
    p.learnedFrom && 'the band learned from it',
    p.markedNormal && 'marked as normal',
    p.inBand === false && 'outside the band',
    p.inBand === true && 'inside the band',
  ].filter(Boolean);
  return `${partitionInWords(
    p.partition,
    granularity,
  )}: ${p.rows.toLocaleString('en-US')} rows${
    notes.length ? ` (${notes.join(', ')})` : ''
  }`;
}

/**
 * Rows per partition over the weeks the band learns from: every partition
 * a grey dot, those at the same hour of the week the band was learned from
 * in blue, marked-normal ones ringed, and the latest partition with its
 * band (lower to upper, median line) as a bar, the point green inside and
 * red outside. Plain SVG sized to its container.
 */
export function VolumeBandChart(props: {
  volume: NonNullable<EndpointQuality['volume']>;
  granularity?: string;
  description: string;
}) {
  const classes = useStyles();
  const [ref, { width: measured }] = useMeasure<HTMLDivElement>();
  const width = measured > 0 ? measured : 640;
  const { volume, granularity } = props;
  const layout = volumeChartLayout(
    volume.history,
    volume.markedNormal,
    volume.band,
    width,
  );
  const { band } = layout;
  return (
    <div ref={ref}>
      <svg
        className={classes.svg}
        width={width}
        height={CHART_HEIGHT}
        role="img"
        aria-label={props.description}
      >
        {layout.yTicks.map(tick => (
          <g key={tick}>
            <line
              className={classes.grid}
              x1={CHART_MARGIN.left}
              x2={width - CHART_MARGIN.right}
              y1={layout.y(tick)}
              y2={layout.y(tick)}
            />
            <text
              className={classes.axis}
              x={CHART_MARGIN.left - 6}
              y={layout.y(tick) + 3}
              textAnchor="end"
            >
              {tick.toLocaleString('en-US', { notation: 'compact' })}
            </text>
          </g>
        ))}
        {layout.xTicks.map(tick => (
          <text
            key={tick.label}
            className={classes.axis}
            x={tick.x}
            y={CHART_HEIGHT - 6}
            textAnchor="middle"
          >
            {tick.label}
          </text>
        ))}
        {band && (
          <g data-testid="volume-band">
            <rect
              className={classes.band}
              x={band.x - 7}
              width={14}
              y={band.top}
              height={Math.max(1, band.bottom - band.top)}
            />
            {[band.top, band.bottom, band.median].map((at, i) => (
              <line
                key={i}
                className={classes.bandEdge}
                x1={band.x - 7}
                x2={band.x + 7}
                y1={at}
                y2={at}
                strokeDasharray={i === 2 ? '2 2' : undefined}
              />
            ))}
          </g>
        )}
        {layout.points.map(p => {
          const colour =
            p.inBand === undefined
              ? undefined
              : TONE_COLOURS[p.inBand ? 'positive' : 'negative'].solid;
          return (
            <g key={p.partition}>
              <circle
                className={
                  p.learnedFrom ? classes.learnedFrom : classes.history
                }
                cx={p.x}
                cy={p.y}
                r={p.latest ? 4.5 : 2.5}
                style={colour ? { fill: colour, opacity: 1 } : undefined}
              >
                <title>{pointTitle(p, granularity)}</title>
              </circle>
              {p.markedNormal && (
                <circle className={classes.marked} cx={p.x} cy={p.y} r={6} />
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
